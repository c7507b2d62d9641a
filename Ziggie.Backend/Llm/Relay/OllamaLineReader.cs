using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Reads Ollama's NDJSON body line by line, as bytes: the frame reader of the relay (an SSE reader would
/// take its place for an upstream that speaks server-sent events). Every read takes the caller's token into
/// the socket read itself: cancelling closes the upstream connection at once, which is how Ollama learns
/// to stop generating. (OllamaSharp's own enumerators only notice cancellation at the next chunk.)
/// A line may be at most <paramref name="maxLineBytes"/> long, so an upstream that never sends a newline
/// cannot make the backend buffer without end.
/// </summary>
public sealed class OllamaLineReader(Stream body, int maxLineBytes = LlmOptions.DefaultMaxLineBytes) : IAsyncDisposable
{
    private readonly PipeReader _reader = PipeReader.Create(body);
    private ReadOnlySequence<byte> _buffer;
    private bool _hasBuffer, _completed;

    /// <summary>The next non-blank line, valid until the next call; null when the body has ended.</summary>
    /// <exception cref="LineTooLongException">More than <c>maxLineBytes</c> came without a newline.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlySequence<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_hasBuffer)
            {
                if (TryTakeLine(out var line))
                {
                    if (IsBlank(line)) continue;
                    return line;
                }

                if (_buffer.Length > maxLineBytes)
                {
                    throw new LineTooLongException();
                }

                if (_completed)
                {
                    if (_buffer.IsEmpty || IsBlank(_buffer)) return null;
                    var last = _buffer;
                    _buffer = _buffer.Slice(_buffer.End);
                    return last;
                }

                _reader.AdvanceTo(_buffer.Start, _buffer.End);
            }

            var result = await _reader.ReadAsync(cancellationToken);
            _buffer = result.Buffer;
            _completed = result.IsCompleted;
            _hasBuffer = true;
        }
    }

    /// <summary>
    /// Whether the next line has already arrived (it came in the same read as the last): the relay then writes it
    /// straight after and flushes once, as a byte-copying proxy would, instead of once per line.
    /// </summary>
    public bool HasLineBuffered
    {
        get
        {
            if (!_hasBuffer) return false;
            var rest = _buffer;
            while (rest.PositionOf((byte)'\n') is { } newline)
            {
                if (!IsBlank(rest.Slice(0, newline))) return true;
                rest = rest.Slice(rest.GetPosition(1, newline));
            }

            return _completed; // the next read answers at once: the last line, or the end
        }
    }

    private bool TryTakeLine(out ReadOnlySequence<byte> line)
    {
        var newline = _buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = _buffer.Slice(0, newline.Value);
        if (line.Length > maxLineBytes)
        {
            throw new LineTooLongException();
        }

        _buffer = _buffer.Slice(_buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t')) return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync() => await _reader.CompleteAsync();

    /// <summary>A line past the size limit: the answer cannot be read on.</summary>
    public sealed class LineTooLongException() : Exception("A line is longer than the limit.");
}
