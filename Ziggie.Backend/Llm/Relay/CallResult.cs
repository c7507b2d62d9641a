using System.Diagnostics;
using System.Text;

namespace Ziggie.Backend.Llm;

/// <summary>
/// How one relayed call to Ollama ended, with what Ollama reported: the one answer to "how did it go" that the
/// usage log, chat history and telemetry read once the call is over. Only <see cref="OllamaRelay"/> writes it.
/// </summary>
public sealed class CallResult
{
    /// <summary>The words the usage log and chat history keep: an answer came whole, broke off, or never began.</summary>
    public const string Completed = "completed";
    public const string Interrupted = "interrupted";
    public const string Failed = "failed";

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly StringBuilder? _text;

    internal CallResult(bool keepText) => _text = keepText ? new StringBuilder() : null;

    public CallEnd End { get; private set; } = CallEnd.Unfinished;

    /// <summary><see cref="Completed"/>, <see cref="Interrupted"/> (an answer was under way) or <see cref="Failed"/>.</summary>
    public string Outcome => End == CallEnd.Completed ? Completed : FirstToken is null ? Failed : Interrupted;

    /// <summary>Why the call did not complete, worded for a person; null when it did.</summary>
    public string? Error { get; private set; }

    /// <summary>Ollama's HTTP status when it answered an error instead of a stream.</summary>
    public int? ErrorStatus { get; private set; }

    /// <summary>The answer's text, when the call was asked to keep it (a chat kept in a conversation); else empty.</summary>
    public string Text => _text?.ToString() ?? "";

    /// <summary>The Ollama node that answered (the last one tried), by its resource name; null when none was.</summary>
    public string? Node { get; private set; }

    public int Chunks { get; private set; }
    public int? PromptTokens { get; private set; }
    public int? CompletionTokens { get; private set; }

    /// <summary>Nanoseconds Ollama spent producing the <see cref="CompletionTokens"/>.</summary>
    public long? EvalDuration { get; private set; }
    public string? DoneReason { get; private set; }
    public TimeSpan? FirstToken { get; private set; }
    public TimeSpan Duration { get; private set; }

    /// <summary>A line Ollama sent that is not an error. Called once per token: no allocation unless text is kept.</summary>
    internal void OnChunk(in OllamaChunk chunk, bool last)
    {
        Chunks++;
        FirstToken ??= Stopwatch.GetElapsedTime(_started);
        _text?.Append(chunk.Text);
        if (!last) return;

        (PromptTokens, CompletionTokens, EvalDuration, DoneReason) = (chunk.PromptEvalCount, chunk.EvalCount, chunk.EvalDuration, chunk.DoneReason);
        Finish(CallEnd.Completed, null);
    }

    internal void Routed(string node) => Node = node;

    internal void FailWithStatus(int status)
    {
        ErrorStatus = status;
        Finish(CallEnd.ErrorStatus, $"Ollama answered {status}");
    }

    /// <summary>Ends the call; the first end wins, so a caller leaving after the last line does not undo a completed answer.</summary>
    internal void Finish(CallEnd end, string? error)
    {
        if (End != CallEnd.Unfinished) return;
        End = end;
        Error = end == CallEnd.Completed ? null : error ?? DefaultError(end);
        Duration = Stopwatch.GetElapsedTime(_started);
    }

    private static string DefaultError(CallEnd end) => end switch
    {
        CallEnd.CallerLeft => "the caller left",
        CallEnd.TimedOut => "timeout",
        CallEnd.Broken => "connection_broken",
        CallEnd.EndedEarly => "ended_early",
        CallEnd.Malformed => "malformed_line",
        CallEnd.LineTooLong => "line_too_long",
        CallEnd.OllamaError => "ollama_error",
        _ => "the relay stopped without an outcome",
    };
}

/// <summary>How a call ended: completed, or the reason it did not.</summary>
public enum CallEnd
{
    /// <summary>Not ended yet; after the call, only when the relay stopped on an unexpected exception.</summary>
    Unfinished,
    Completed,
    CallerLeft,
    /// <summary>No first line within the first-token limit, or a silence longer than the idle limit.</summary>
    TimedOut,
    /// <summary>The connection to Ollama failed or broke.</summary>
    Broken,
    /// <summary>Ollama's answer ended before its last line.</summary>
    EndedEarly,
    /// <summary>A line that is not a JSON object.</summary>
    Malformed,
    /// <summary>A line longer than <see cref="LlmOptions.MaxLineBytes"/>.</summary>
    LineTooLong,
    /// <summary>Ollama reported an error in a line of its answer.</summary>
    OllamaError,
    /// <summary>Ollama answered an HTTP error status instead of a stream.</summary>
    ErrorStatus,
}
