namespace Ziggie.Testing.Ollama;

/// <summary>
/// Holds one streaming response just before it writes a chosen chunk, until the test releases it.
/// While the server waits here, whatever the client has received was provably sent earlier.
/// </summary>
public sealed class ChunkGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The <see cref="ChunkIndex"/> of a gate after the last line, before the answer ends.</summary>
    public const int TheEnd = -1;

    internal ChunkGate(int chunkIndex) => ChunkIndex = chunkIndex;

    /// <summary>Zero-based index of the chunk that waits; chunks before it are written and flushed (<see cref="TheEnd"/>: all of them).</summary>
    public int ChunkIndex { get; }

    /// <summary>Completes when the server has written every earlier chunk and is waiting at the gate.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    // The token fires when the client leaves or the fake stops, so a forgotten Release never hangs a handler.
    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
    }
}
