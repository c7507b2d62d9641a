using System.Collections.Concurrent;

namespace Ziggie.Backend.Llm;

/// <summary>The pulls running through this backend now, for <c>/api/llm/status</c>.</summary>
public sealed class PullTracker(TimeProvider time)
{
    private readonly ConcurrentDictionary<Entry, byte> _running = new();

    /// <param name="node">The Ollama node it goes to, by name.</param>
    public Entry Start(string model, string? node = null)
    {
        var entry = new Entry(this, new PullProgress(model, "starting", null, null, time.GetUtcNow()) { Node = node });
        _running.TryAdd(entry, 0);
        return entry;
    }

    public IReadOnlyList<PullProgress> Snapshot() =>
        [.. _running.Keys.Select(e => e.Progress).OrderBy(p => p.StartedAt)];

    public sealed class Entry : IDisposable
    {
        private readonly PullTracker _tracker;
        private PullProgress _progress;

        internal Entry(PullTracker tracker, PullProgress progress) => (_tracker, _progress) = (tracker, progress);

        public PullProgress Progress => Volatile.Read(ref _progress);

        public void Report(string status, long? completed, long? total) =>
            Volatile.Write(ref _progress, _progress with { Status = status, Completed = completed, Total = total });

        public void Dispose() => _tracker._running.TryRemove(this, out _);
    }
}

/// <summary>One pull in progress: Ollama's last status line for it, with the bytes of the current layer.</summary>
public sealed record PullProgress(string Model, string Status, long? Completed, long? Total, DateTimeOffset StartedAt)
{
    /// <summary>The Ollama node pulling it (a pull to every node shows once per node).</summary>
    public string? Node { get; init; }
}
