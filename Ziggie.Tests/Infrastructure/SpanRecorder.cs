using System.Diagnostics;
using Ziggie.Backend.Llm;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// Records the spans Ziggie's backend ends while talking to one fake Ollama. Tests run side by side in one
/// process and every backend shares the activity source, so spans are told apart by the Ollama port they name.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Activity> _spans = [];
    private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Waiter)> _waiters = [];
    private readonly ActivityListener _listener;
    private readonly int _ollamaPort;

    public SpanRecorder(Uri ollama)
    {
        _ollamaPort = ollama.Port;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LlmTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The first ended span that matches, including one that ended before the call.</summary>
    public Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        lock (_gate)
        {
            if (_spans.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var waiter = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        }
    }

    private void Stopped(Activity span)
    {
        if (span.GetTagItem("server.port") is not int port || port != _ollamaPort) return;
        List<TaskCompletionSource<Activity>> matched;
        lock (_gate)
        {
            _spans.Add(span);
            matched = [.. _waiters.Where(w => w.Match(span)).Select(w => w.Waiter)];
            _waiters.RemoveAll(w => w.Match(span));
        }

        foreach (var waiter in matched) waiter.TrySetResult(span);
    }

    public void Dispose() => _listener.Dispose();
}
