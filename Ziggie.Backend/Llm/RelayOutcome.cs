using System.Diagnostics;
using System.Text;

namespace Ziggie.Backend.Llm;

/// <summary>
/// How a relayed call ended, for the usage log and chat history: completed, interrupted (an answer
/// was under way and broke off) or failed (no answer at all), with the statistics Ollama sent.
/// </summary>
public sealed class RelayOutcome(bool captureText)
{
    public const string Completed = "completed";
    public const string Interrupted = "interrupted";
    public const string Failed = "failed";

    readonly long started = Stopwatch.GetTimestamp();
    readonly StringBuilder? text = captureText ? new StringBuilder() : null;

    public bool CapturesText => text is not null;
    public string Kind { get; private set; } = Failed;
    public string? Error { get; private set; }
    public string Text => text?.ToString() ?? "";
    public int? PromptTokens { get; private set; }
    public int? CompletionTokens { get; private set; }
    public string? DoneReason { get; private set; }
    public TimeSpan? FirstToken { get; private set; }
    public TimeSpan Duration { get; private set; }

    internal void Chunk(in OllamaChunk chunk)
    {
        FirstToken ??= Stopwatch.GetElapsedTime(started);
        text?.Append(chunk.Text);
        if (chunk.Done)
        {
            (Kind, PromptTokens, CompletionTokens, DoneReason) = (Completed, chunk.PromptEvalCount, chunk.EvalCount, chunk.DoneReason);
            Duration = Stopwatch.GetElapsedTime(started);
        }
    }

    internal void Broke(string error)
    {
        (Kind, Error) = (FirstToken is null ? Failed : Interrupted, error);
        Duration = Stopwatch.GetElapsedTime(started);
    }
}
