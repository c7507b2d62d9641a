using System.Collections.Concurrent;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Llm;

/// <summary>
/// The pulls running now, for <c>/api/llm/status</c>: this backend's, and with a shared store (<see cref="SharedPulls"/>)
/// those of the other replicas too.
/// </summary>
public sealed class PullTracker(TimeProvider time, SharedPulls shared)
{
    private readonly ConcurrentDictionary<Entry, byte> _running = new();
    private readonly TimeProvider _time = time;
    private readonly SharedPulls _shared = shared;

    /// <param name="node">The Ollama node it goes to, by name.</param>
    public Entry Start(string model, string? node = null)
    {
        var entry = new Entry(this, new PullProgress(model, "starting", null, null, _time.GetUtcNow()) { Node = node });
        _running.TryAdd(entry, 0);
        _shared.Publish(entry.Id, entry.Progress);
        return entry;
    }

    /// <summary>This backend's pulls (always: they need no Redis), with the other replicas' when Redis answers.</summary>
    public async Task<IReadOnlyList<PullProgress>> SnapshotAsync()
    {
        var all = new Dictionary<string, PullProgress>(await _shared.ReadAsync() ?? new Dictionary<string, PullProgress>());
        foreach (var entry in _running.Keys)
        {
            all[entry.Id] = entry.Progress;
        }

        return [.. all.Values.OrderBy(p => p.StartedAt)];
    }

    public sealed class Entry : IDisposable
    {
        private readonly PullTracker _tracker;
        private PullProgress _progress;
        private long _published;

        internal Entry(PullTracker tracker, PullProgress progress)
        {
            (_tracker, _progress) = (tracker, progress);
            _published = tracker._time.GetTimestamp();
        }

        public string Id { get; } = Guid.NewGuid().ToString("N");

        public PullProgress Progress => Volatile.Read(ref _progress);

        public void Report(string status, long? completed, long? total)
        {
            var before = Progress;
            var now = before with { Status = status, Completed = completed, Total = total };
            Volatile.Write(ref _progress, now);
            if (!_tracker._shared.IsShared) return;
            // A new status always, else at most one write per interval: the other replicas need no byte-exact progress.
            var last = Interlocked.Read(ref _published);
            if (status != before.Status || _tracker._time.GetElapsedTime(last) >= SharedPulls.WriteEvery)
            {
                Interlocked.Exchange(ref _published, _tracker._time.GetTimestamp());
                _tracker._shared.Publish(Id, now);
            }
        }

        public void Dispose()
        {
            if (_tracker._running.TryRemove(this, out _)) _tracker._shared.Remove(Id);
        }
    }
}

/// <summary>One pull in progress: Ollama's last status line for it, with the bytes of the current layer.</summary>
public sealed record PullProgress(string Model, string Status, long? Completed, long? Total, DateTimeOffset StartedAt)
{
    /// <summary>The Ollama node pulling it (a pull to every node shows once per node).</summary>
    public string? Node { get; init; }
}
