using System.Diagnostics;

namespace Ziggie.Backend.Llm;

/// <summary>
/// A pull: its progress goes to the pulls in progress (<c>/api/llm/status</c>) and, as span events, to the
/// trace: one event per new status and one per tenth of a layer, however many lines Ollama sends.
/// </summary>
sealed class PullWatch(Activity? span, PullTracker.Entry entry, ModelCatalog catalog) : OllamaCallWatch(span)
{
    public const string StatusEvent = "ollama.pull.status";
    public const string ProgressEvent = "ollama.pull.progress";

    string? lastStatus;
    long lastTenth = -1;

    protected override void Observe(in OllamaChunk chunk)
    {
        if (chunk.Status is not { } status) return;

        entry.Report(status, chunk.Completed, chunk.Total);
        if (status != lastStatus)
        {
            lastStatus = status;
            lastTenth = -1;
            Span?.AddEvent(new ActivityEvent(StatusEvent, tags: new ActivityTagsCollection { ["status"] = status }));
        }

        if (chunk is { Total: > 0 and var total, Completed: var completed } && (completed ?? 0) * 10 / total is var tenth && tenth > lastTenth)
        {
            lastTenth = tenth;
            Span?.AddEvent(new ActivityEvent(ProgressEvent, tags: new ActivityTagsCollection
            {
                ["status"] = status,
                ["completed"] = completed ?? 0,
                ["total"] = total,
                ["percent"] = tenth * 10,
            }));
        }

        if (status == PullTracker.SuccessStatus)
        {
            // Before the caller sees "success": a model list asked for right after must include the model.
            catalog.Forget();
        }
    }

    protected override void OnEnd(CallOutcome outcome, string? errorType) => entry.Dispose();
}
