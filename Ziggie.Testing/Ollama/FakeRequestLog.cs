namespace Ziggie.Testing.Ollama;

/// <summary>Every request the fake has seen, plus waiters for requests that have not arrived yet.</summary>
internal sealed class FakeRequestLog
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(string Path, TaskCompletionSource<RecordedRequest> Waiter)> _waiters = [];

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock) return [.. _requests];
    }

    public void Clear()
    {
        lock (_lock) _requests.Clear();
    }

    public void Add(RecordedRequest request)
    {
        List<TaskCompletionSource<RecordedRequest>> satisfied;
        lock (_lock)
        {
            _requests.Add(request);
            satisfied = [.. _waiters.Where(w => SamePath(w.Path, request.Path)).Select(w => w.Waiter)];
            _waiters.RemoveAll(w => SamePath(w.Path, request.Path));
        }
        foreach (var waiter in satisfied) waiter.TrySetResult(request);
    }

    public Task<RecordedRequest> WaitForAsync(string path, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var seen = _requests.FirstOrDefault(r => SamePath(path, r.Path));
            if (seen is not null) return Task.FromResult(seen);

            var waiter = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((path, waiter));
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    private static bool SamePath(string expected, string actual) =>
        string.Equals(expected.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
