using System.Collections.Concurrent;

namespace Ziggie.Backend.Llm;

/// <summary>The pulls running through this backend now, for <c>/api/llm/status</c>.</summary>
public sealed class PullTracker(TimeProvider time)
{
    readonly ConcurrentDictionary<Entry, byte> running = new();

    public Entry Start(string model)
    {
        var entry = new Entry(this, new PullProgress(model, "starting", null, null, time.GetUtcNow()));
        running.TryAdd(entry, 0);
        return entry;
    }

    public IReadOnlyList<PullProgress> Snapshot() =>
        [.. running.Keys.Select(e => e.Progress).OrderBy(p => p.StartedAt)];

    public sealed class Entry : IDisposable
    {
        readonly PullTracker tracker;
        PullProgress progress;

        internal Entry(PullTracker tracker, PullProgress progress) => (this.tracker, this.progress) = (tracker, progress);

        public PullProgress Progress => Volatile.Read(ref progress);

        public void Report(string status, long? completed, long? total) =>
            Volatile.Write(ref progress, progress with { Status = status, Completed = completed, Total = total });

        public void Dispose() => tracker.running.TryRemove(this, out _);
    }
}

/// <summary>One pull in progress: Ollama's last status line for it, with the bytes of the current layer.</summary>
public sealed record PullProgress(string Model, string Status, long? Completed, long? Total, DateTimeOffset StartedAt);
