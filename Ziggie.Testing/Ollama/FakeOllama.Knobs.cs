namespace Ziggie.Testing.Ollama;

// The knobs a test turns. Each one swaps the whole settings value under a lock, so they are safe to
// change from the test while requests are running; each request uses the value current at its start.
public sealed partial class FakeOllama
{
    private readonly Lock _settingsLock = new();
    private FakeOllamaSettings _settings = new();

    internal FakeOllamaSettings Settings => Volatile.Read(ref _settings);

    /// <summary>What <c>/api/version</c> reports.</summary>
    public string Version { get => Settings.Version; set => Change(s => s with { Version = value }); }

    /// <summary>How long <c>/api/version</c> takes, for testing status-check timeouts.</summary>
    public TimeSpan VersionDelay { get => Settings.VersionDelay; set => Change(s => s with { VersionDelay = value }); }

    /// <summary>The text pieces generate and chat stream, one per chunk, in order.</summary>
    public IReadOnlyList<string> Tokens { get => Settings.Tokens; set => Change(s => s with { Tokens = [.. value] }); }

    /// <summary>Shortcut for <see cref="Tokens"/>: "Hello", " world", " from", ... of the given length.</summary>
    public int TokenCount { get => Settings.Tokens.Count; set => Tokens = FakeTokens.Make(value); }

    /// <summary>
    /// The thinking a thinking model streams before its answer, one piece per chunk (<c>thinking</c> in generate,
    /// <c>message.thinking</c> in chat), sent only when the request asks for it with <c>"think": true</c>.
    /// </summary>
    public IReadOnlyList<string> ThinkingTokens { get => Settings.ThinkingTokens; set => Change(s => s with { ThinkingTokens = [.. value] }); }

    /// <summary>
    /// The tool a chat calls when its request offers tools: after the text, one chunk whose <c>message.tool_calls</c>
    /// holds <c>{"function":{"name":…,"arguments":…}}</c>, as Ollama streams a parsed tool call. Null: tools are never called.
    /// </summary>
    public string? ToolCallName { get => Settings.ToolCallName; set => Change(s => s with { ToolCallName = value }); }

    /// <summary>The called tool's arguments, a JSON object.</summary>
    public string ToolCallArguments { get => Settings.ToolCallArguments; set => Change(s => s with { ToolCallArguments = value }); }

    /// <summary>Pause before the first token, like a model loading and reading the prompt.</summary>
    public TimeSpan FirstTokenDelay { get => Settings.FirstTokenDelay; set => Change(s => s with { FirstTokenDelay = value }); }

    /// <summary>Pause before each later token; zero streams as fast as possible.</summary>
    public TimeSpan TokenDelay { get => Settings.TokenDelay; set => Change(s => s with { TokenDelay = value }); }

    /// <summary>
    /// Tokens after the first come on one clock of <see cref="TokenDelay"/> shared by every running generation, as
    /// Ollama's batched decoding advances all its slots a token per step; off (the default), each answer pauses on its own.
    /// </summary>
    public bool DecodeInSteps { get => Settings.DecodeInSteps; set => Change(s => s with { DecodeInSteps = value }); }

    /// <summary>When set, generate and chat answer this HTTP status with an Ollama <c>{"error": ...}</c> body.</summary>
    public int? FailStatus { get => Settings.FailStatus; set => Change(s => s with { FailStatus = value }); }

    /// <summary>The error text for <see cref="FailStatus"/>; null picks what Ollama says for that status.</summary>
    public string? FailMessage { get => Settings.FailMessage; set => Change(s => s with { FailMessage = value }); }

    /// <summary>Streaming responses abort the connection after this many chunks, like Ollama dying mid-stream.</summary>
    public int? DisconnectAfterChunks { get => Settings.DisconnectAfterChunks; set => Change(s => s with { DisconnectAfterChunks = value }); }

    /// <summary>Streaming responses write one line that is not valid JSON right after the first chunk.</summary>
    public bool SendMalformedLine { get => Settings.SendMalformedLine; set => Change(s => s with { SendMalformedLine = value }); }

    /// <summary>
    /// Streaming responses, right after the first chunk, send bytes without a newline until the client goes away:
    /// a line that never ends.
    /// </summary>
    public bool SendEndlessLine { get => Settings.SendEndlessLine; set => Change(s => s with { SendEndlessLine = value }); }

    /// <summary>How many download progress lines a pull streams.</summary>
    public int PullSteps
    {
        get => Settings.PullSteps;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Change(s => s with { PullSteps = value });
        }
    }

    /// <summary>Pause before each download progress line of a pull.</summary>
    public TimeSpan PullStepDelay { get => Settings.PullStepDelay; set => Change(s => s with { PullStepDelay = value }); }

    /// <summary>A pull streams an <c>{"error": ...}</c> line after this many progress lines, as Ollama does when a download fails.</summary>
    public int? FailPullAfterSteps { get => Settings.FailPullAfterSteps; set => Change(s => s with { FailPullAfterSteps = value }); }

    /// <summary>The error text of a failing pull.</summary>
    public string PullFailureMessage { get => Settings.PullFailureMessage; set => Change(s => s with { PullFailureMessage = value }); }

    /// <summary>Length of the vectors <c>/api/embed</c> returns.</summary>
    public int EmbeddingDimensions
    {
        get => Settings.EmbeddingDimensions;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Change(s => s with { EmbeddingDimensions = value });
        }
    }

    private SemaphoreSlim? _parallel;

    /// <summary>
    /// How many generations run at once, like Ollama's <c>OLLAMA_NUM_PARALLEL</c>: later ones wait in a queue before
    /// their first token. Null (the default) runs every request at once. Set it before the load starts.
    /// </summary>
    public int? Parallel
    {
        get => Volatile.Read(ref _parallel) is { } slots ? _parallelCount : null;
        set
        {
            if (value is { } count) ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
            _parallelCount = value ?? 0;
            Volatile.Write(ref _parallel, value is { } n ? new SemaphoreSlim(n, n) : null);
        }
    }

    private int _parallelCount;

    internal SemaphoreSlim? ParallelSlots => Volatile.Read(ref _parallel);

    private void Change(Func<FakeOllamaSettings, FakeOllamaSettings> change)
    {
        lock (_settingsLock) Volatile.Write(ref _settings, change(_settings));
    }
}
