namespace Ziggie.Bench.Load;

/// <summary>Reads a stream's bytes as they arrive: how many frames so far, how many carried a token, and whether it ended well.</summary>
public interface IStreamTally
{
    int Lines { get; }
    int Tokens { get; }
    void Add(ReadOnlySpan<byte> data);

    /// <summary>Why the stream is not a complete answer of <paramref name="tokens"/> tokens, or null when it is.</summary>
    string? Problem(int tokens);
}
