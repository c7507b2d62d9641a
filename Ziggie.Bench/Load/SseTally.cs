using System.Buffers;
using System.Text;

namespace Ziggie.Bench.Load;

/// <summary>
/// Counts the <c>data:</c> events of an OpenAI chat stream as its bytes arrive. One event per token, then the
/// event with the finish reason, then <c>data: [DONE]</c> — from Ollama's own /v1 and from Ziggie's alike.
/// </summary>
public sealed class SseTally : IStreamTally
{
    private readonly ArrayBufferWriter<byte> _partial = new();
    private bool _done;
    private string? _error;

    public int Lines { get; private set; }

    public int Tokens => Math.Max(0, Lines - 2);

    public void Add(ReadOnlySpan<byte> data)
    {
        for (var newline = data.IndexOf((byte)'\n'); newline >= 0; newline = data.IndexOf((byte)'\n'))
        {
            _partial.Write(data[..newline]);
            Finish(_partial.WrittenSpan);
            _partial.ResetWrittenCount();
            data = data[(newline + 1)..];
        }

        _partial.Write(data);
    }

    public string? Problem(int tokens) =>
        _error is not null ? $"an error event: {_error}"
        : !_done ? "the stream ended before data: [DONE]"
        : Tokens != tokens ? $"{Tokens} tokens instead of {tokens}"
        : null;

    private void Finish(ReadOnlySpan<byte> line)
    {
        if (line.Trim((byte)' ').IsEmpty) return;
        Lines++;
        _done = line.SequenceEqual("data: [DONE]"u8);
        if (_error is null && line.IndexOf("\"error\""u8) >= 0) _error = Encoding.UTF8.GetString(line);
    }
}
