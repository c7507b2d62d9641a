namespace Ziggie.Backend.Llm;

public enum OllamaOperation { Generate, Chat, Pull }

/// <summary>A generate, chat or pull call as the relay forwards it.</summary>
/// <param name="Body">The OllamaSharp request, always with <c>stream:true</c> upstream.</param>
/// <param name="Stream">Whether the caller wants NDJSON (true) or the final object (false).</param>
public sealed record OllamaCall(OllamaOperation Operation, object Body, string Model, bool Stream)
{
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>Ollama's route.</summary>
    public string Path => Operation switch
    {
        OllamaOperation.Generate => "api/generate",
        OllamaOperation.Chat => "api/chat",
        _ => "api/pull",
    };

    public bool IsChat => Operation == OllamaOperation.Chat;

    /// <summary>The span name the GenAI conventions ask for: "{operation} {model}".</summary>
    public string SpanName => Operation switch
    {
        OllamaOperation.Generate => $"{GenAiAttributes.TextCompletion} {Model}",
        OllamaOperation.Chat => $"{GenAiAttributes.Chat} {Model}",
        _ => $"pull {Model}",
    };

    /// <summary>Ollama's last line: <c>"done":true</c> for a generation, <c>"status":"success"</c> for a pull.</summary>
    public bool IsLast(in OllamaChunk chunk) =>
        Operation == OllamaOperation.Pull ? chunk.Status == PullTracker.SuccessStatus : chunk.Done;
}
