using System.Buffers;
using System.Text;

namespace Ziggie.Bench.Load;

/// <summary>Counts the lines of an NDJSON stream as its bytes arrive, and checks that it ended properly.</summary>
public sealed class NdjsonTally
{
    readonly ArrayBufferWriter<byte> partial = new(); // the line still being received
    bool lastWasDone;
    string? error;

    public int Lines { get; private set; }

    public void Add(ReadOnlySpan<byte> data)
    {
        for (var newline = data.IndexOf((byte)'\n'); newline >= 0; newline = data.IndexOf((byte)'\n'))
        {
            if (partial.WrittenCount == 0)
            {
                Finish(data[..newline]);
            }
            else
            {
                partial.Write(data[..newline]);
                Finish(partial.WrittenSpan);
                partial.ResetWrittenCount();
            }

            data = data[(newline + 1)..];
        }

        partial.Write(data);
    }

    /// <summary>Why the stream is not a complete answer of <paramref name="tokens"/> tokens, or null when it is.</summary>
    public string? Problem(int tokens) =>
        error is not null ? $"an error line: {error}"
        : !lastWasDone || partial.WrittenCount > 0 ? "the stream ended before its done line"
        : Lines != tokens + 1 ? $"{Lines - 1} tokens instead of {tokens}"
        : null;

    void Finish(ReadOnlySpan<byte> line)
    {
        if (line.Trim((byte)' ').IsEmpty) return;
        Lines++;
        lastWasDone = line.IndexOf("\"done\":true"u8) >= 0;
        if (error is null && line.IndexOf("\"error\""u8) >= 0) error = Encoding.UTF8.GetString(line);
    }
}
