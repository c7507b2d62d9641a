using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Ziggie.Backend.Ollama;

/// <summary>
/// Bounded retries for Ollama's read-only questions only: <c>/api/version</c>, <c>/api/tags</c> and
/// <c>/api/show</c>. Asking twice changes nothing there; a retried generate, chat or pull would run twice
/// (on the GPU, or as a second download), so those are never retried, whichever client sends them.
/// No attempt timeout either: each caller bounds the whole question with its own limit.
/// </summary>
internal static class OllamaRetry
{
    public const string PipelineName = "ollama-idempotent-retry";

    private static readonly string[] IdempotentPaths = ["/api/version", "/api/tags", "/api/show"];

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline) =>
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(
                IsIdempotent(args.Context.GetRequestMessage())
                && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        });

    private static bool IsIdempotent(HttpRequestMessage? request) =>
        request?.RequestUri is { } uri && IdempotentPaths.Any(path => uri.AbsolutePath.EndsWith(path, StringComparison.Ordinal));
}
