using System.Diagnostics;
using System.Globalization;

namespace Ziggie.Backend.Llm;

public enum CallOutcome { Ok, Error, Timeout, Cancelled }

/// <summary>
/// Watches one call to Ollama from its request to its end and reports it: the span, and whatever the kind of
/// call reports besides (metrics, pulls in progress). The relay calls <see cref="OnLine"/> for every line
/// Ollama sends, so implementations must not allocate per line.
/// </summary>
public abstract class OllamaCallWatch(Activity? span) : IDisposable
{
    bool ended;
    RelayOutcome? report;

    protected Activity? Span { get; } = span;

    /// <summary>A line Ollama sent that is not an error.</summary>
    /// <summary>Also tells <paramref name="relayOutcome"/> every line and how the call ended.</summary>
    public void Report(RelayOutcome? relayOutcome) => report = relayOutcome;

    public void OnLine(in OllamaChunk chunk)
    {
        report?.Chunk(chunk);
        Observe(chunk);
    }

    protected abstract void Observe(in OllamaChunk chunk);

    public void Succeed() => End(CallOutcome.Ok, null, null);

    /// <summary>Ollama answered an HTTP error status instead of a stream.</summary>
    public void FailWithStatus(int status) =>
        End(CallOutcome.Error, status.ToString(CultureInfo.InvariantCulture), $"Ollama answered {status}");

    /// <summary>The call ended before its last line; <paramref name="kind"/> says why.</summary>
    public void Fail(LineKind kind, string? reason)
    {
        var (outcome, errorType) = kind switch
        {
            LineKind.CallerLeft => (CallOutcome.Cancelled, "cancelled"),
            LineKind.TimedOut => (CallOutcome.Timeout, "timeout"),
            LineKind.Broken => (CallOutcome.Error, "connection_broken"),
            LineKind.EndOfBody => (CallOutcome.Error, "ended_early"),
            LineKind.Malformed => (CallOutcome.Error, "malformed_line"),
            _ => (CallOutcome.Error, "ollama_error"),
        };
        End(outcome, errorType, reason);
    }

    protected abstract void OnEnd(CallOutcome outcome, string? errorType);

    void End(CallOutcome outcome, string? errorType, string? description)
    {
        if (ended) return;
        ended = true;
        if (report is not null && report.Kind != RelayOutcome.Completed)
        {
            report.Broke(description ?? (errorType == "cancelled" ? "the caller left" : errorType) ?? "the call ended without an answer");
        }

        if (errorType is not null)
        {
            Span?.SetTag(GenAiAttributes.ErrorType, errorType);
        }

        if (outcome is CallOutcome.Error or CallOutcome.Timeout)
        {
            Span?.SetStatus(ActivityStatusCode.Error, description);
        }

        OnEnd(outcome, errorType);
    }

    public void Dispose()
    {
        // Only an unexpected exception leaves a call without an outcome.
        End(CallOutcome.Error, "unfinished", "the relay stopped without an outcome");
        Span?.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static string Name(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Ok => "ok",
        CallOutcome.Timeout => "timeout",
        CallOutcome.Cancelled => "cancelled",
        _ => "error",
    };
}
