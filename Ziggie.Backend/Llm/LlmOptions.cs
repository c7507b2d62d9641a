using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Time limits for calls to Ollama (<c>Ziggie:Llm</c>). A healthy stream has no total limit: a long
/// answer may take minutes. What is limited is the wait for the first token (a model may need time
/// to load) and the silence between two tokens.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Ziggie:Llm";

    /// <summary>4 MiB: the last line of a long <c>/api/generate</c> carries its <c>context</c>, some 7 bytes per token.</summary>
    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Longest silence between two progress lines of a pull. Longer than <see cref="IdleTimeout"/>: Ollama says
    /// nothing while it verifies the digest of a large download.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PullIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest line Ollama may send. Past it the answer ends at once with an error line and the upstream request
    /// is closed: an upstream that sends bytes without a newline must not be buffered without end.
    /// </summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = DefaultMaxLineBytes;

    /// <summary>For short questions: version, model list, model details, delete.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>For <c>/api/llm/status</c> and the health check, which must answer quickly even when Ollama does not.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan StatusTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one answer of Ollama's <c>/api/version</c> serves every status caller; zero asks every time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StatusCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the model list is reused before Ollama is asked again. A pull or delete through this backend
    /// refreshes it at once; one done elsewhere (the AppHost, the ollama CLI) shows after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ModelListCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
