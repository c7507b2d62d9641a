using System.Diagnostics;
using Ziggie.Backend.Llm;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// Records the spans Ziggie's backend ends while talking to one fake Ollama. Tests run side by side in one
/// process and every backend shares the activity source, so spans are told apart by the Ollama port they name.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    readonly Lock gate = new();
    readonly List<Activity> spans = [];
    readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Waiter)> waiters = [];
    readonly ActivityListener listener;
    readonly int ollamaPort;

    public SpanRecorder(Uri ollama)
    {
        ollamaPort = ollama.Port;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LlmTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The first ended span that matches, including one that ended before the call.</summary>
    public Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        lock (gate)
        {
            if (spans.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var waiter = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((match, waiter));
            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        }
    }

    void Stopped(Activity span)
    {
        if (span.GetTagItem("server.port") is not int port || port != ollamaPort) return;
        List<TaskCompletionSource<Activity>> matched;
        lock (gate)
        {
            spans.Add(span);
            matched = [.. waiters.Where(w => w.Match(span)).Select(w => w.Waiter)];
            waiters.RemoveAll(w => w.Match(span));
        }

        foreach (var waiter in matched) waiter.TrySetResult(span);
    }

    public void Dispose() => listener.Dispose();
}
