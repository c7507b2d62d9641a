namespace Ziggie.Testing.Ollama;

/// <summary>
/// Every knob of the fake in one immutable value. A request takes the value current when it arrives,
/// so a test that changes a knob mid-stream never sees a response that mixes old and new behaviour.
/// </summary>
internal sealed record FakeOllamaSettings
{
    public string Version { get; init; } = "0.12.11";
    public TimeSpan VersionDelay { get; init; }

    public IReadOnlyList<string> Tokens { get; init; } = FakeTokens.Make(5);
    public TimeSpan FirstTokenDelay { get; init; }
    public TimeSpan TokenDelay { get; init; }
    public bool DecodeInSteps { get; init; }
    public IReadOnlyList<string> ThinkingTokens { get; init; } = [];
    public string? ToolCallName { get; init; }
    public string ToolCallArguments { get; init; } = "{}";

    public int? FailStatus { get; init; }
    public string? FailMessage { get; init; }
    public int? DisconnectAfterChunks { get; init; }
    public bool SendMalformedLine { get; init; }
    public bool SendEndlessLine { get; init; }

    public int PullSteps { get; init; } = 4;
    public TimeSpan PullStepDelay { get; init; }
    public int? FailPullAfterSteps { get; init; }
    public string PullFailureMessage { get; init; } = "max retries exceeded: unexpected EOF";

    public int EmbeddingDimensions { get; init; } = 16;
}

/// <summary>Readable, predictable tokens: "Hello", " world", " from", ... then " token7", " token8", ...</summary>
internal static class FakeTokens
{
    private static readonly string[] Words = ["Hello", " world", " from", " the", " fake", " Ollama"];

    public static IReadOnlyList<string> Make(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Enumerable.Range(0, count).Select(i => i < Words.Length ? Words[i] : $" token{i + 1}")];
    }
}
