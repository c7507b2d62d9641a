using System.Diagnostics;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Follows one pull's lines: its progress goes to the pulls in progress (<c>/api/llm/status</c>) and, as
/// events on the call's span, to the trace: one event per new status and one per tenth of a layer, however
/// many lines Ollama sends.
/// </summary>
internal sealed class PullWatch(PullTracker.Entry entry, ModelCatalog catalog) : IDisposable
{
    public const string StatusEvent = "ollama.pull.status";
    public const string ProgressEvent = "ollama.pull.progress";

    private string? _lastStatus;
    private long _lastTenth = -1;

    public void OnChunk(OllamaChunk chunk, Activity? span)
    {
        if (chunk.Status is not { } status) return;

        entry.Report(status, chunk.Completed, chunk.Total);
        if (status != _lastStatus)
        {
            _lastStatus = status;
            _lastTenth = -1;
            span?.AddEvent(new ActivityEvent(StatusEvent, tags: new ActivityTagsCollection { ["status"] = status }));
        }

        if (chunk is { Total: > 0 and var total, Completed: var completed } && (completed ?? 0) * 10 / total is var tenth && tenth > _lastTenth)
        {
            _lastTenth = tenth;
            span?.AddEvent(new ActivityEvent(ProgressEvent, tags: new ActivityTagsCollection
            {
                ["status"] = status,
                ["completed"] = completed ?? 0,
                ["total"] = total,
                ["percent"] = tenth * 10,
            }));
        }

        if (status == OllamaCall.PullSuccess)
        {
            // Before the caller sees "success": a model list asked for right after must include the model.
            catalog.Forget();
        }
    }

    /// <summary>The pull is over, however it ended: it leaves the pulls in progress.</summary>
    public void Dispose() => entry.Dispose();
}
