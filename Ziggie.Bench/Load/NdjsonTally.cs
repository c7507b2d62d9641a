using System.Buffers;
using System.Text;

namespace Ziggie.Bench.Load;

/// <summary>Counts the lines of an NDJSON stream as its bytes arrive, and checks that it ended properly.</summary>
public sealed class NdjsonTally : IStreamTally
{
    private readonly ArrayBufferWriter<byte> _partial = new(); // the line still being received
    private bool _lastWasDone;
    private string? _error;

    public int Lines { get; private set; }

    /// <summary>Every line but the done line carries a token.</summary>
    public int Tokens => Lines - 1;

    public void Add(ReadOnlySpan<byte> data)
    {
        for (var newline = data.IndexOf((byte)'\n'); newline >= 0; newline = data.IndexOf((byte)'\n'))
        {
            if (_partial.WrittenCount == 0)
            {
                Finish(data[..newline]);
            }
            else
            {
                _partial.Write(data[..newline]);
                Finish(_partial.WrittenSpan);
                _partial.ResetWrittenCount();
            }

            data = data[(newline + 1)..];
        }

        _partial.Write(data);
    }

    /// <summary>Why the stream is not a complete answer of <paramref name="tokens"/> tokens, or null when it is.</summary>
    public string? Problem(int tokens) =>
        _error is not null ? $"an error line: {_error}"
        : !_lastWasDone || _partial.WrittenCount > 0 ? "the stream ended before its done line"
        : Lines != tokens + 1 ? $"{Lines - 1} tokens instead of {tokens}"
        : null;

    private void Finish(ReadOnlySpan<byte> line)
    {
        if (line.Trim((byte)' ').IsEmpty) return;
        Lines++;
        _lastWasDone = line.IndexOf("\"done\":true"u8) >= 0;
        if (_error is null && line.IndexOf("\"error\""u8) >= 0) _error = Encoding.UTF8.GetString(line);
    }
}
