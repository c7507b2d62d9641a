using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Spans and metrics of Ziggie's LLM calls, under the name the service defaults export
/// (<c>Ziggie.Backend</c>): one span per generate, chat or pull, and the instruments the dashboard charts.
/// </summary>
public sealed class LlmTelemetry
{
    public const string TimeToFirstTokenName = "ziggie.llm.time_to_first_token";
    public const string TokensPerSecondName = "ziggie.llm.tokens_per_second";
    public const string RequestsName = "ziggie.llm.requests";

    internal static readonly ActivitySource Source = new(Extensions.ZiggieTelemetryName);

    readonly OllamaConnection ollama;
    readonly PullTracker pulls;
    readonly ModelCatalog catalog;

    public LlmTelemetry(IMeterFactory meters, OllamaConnection ollama, PullTracker pulls, ModelCatalog catalog)
    {
        this.ollama = ollama;
        this.pulls = pulls;
        this.catalog = catalog;
        var meter = meters.Create(Extensions.ZiggieTelemetryName);
        TimeToFirstToken = meter.CreateHistogram(
            TimeToFirstTokenName, "s", "Time from sending a generate or chat call to Ollama's first token.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 45, 90, 180] });
        TokensPerSecond = meter.CreateHistogram(
            TokensPerSecondName, "{token}/s", "Output tokens per second of generation, as Ollama measured it.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 50, 75, 100, 150, 250, 500] });
        Requests = meter.CreateCounter<long>(RequestsName, "{request}", "Generate and chat calls by model and outcome.");
    }

    internal Histogram<double> TimeToFirstToken { get; }
    internal Histogram<double> TokensPerSecond { get; }
    internal Counter<long> Requests { get; }

    /// <summary>Starts watching one call: its span begins now.</summary>
    public OllamaCallWatch Watch(OllamaCall call)
    {
        var span = Source.StartActivity(call.SpanName, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(GenAiAttributes.RequestModel, call.Model);
            span.SetTag(GenAiAttributes.ServerAddress, ollama.Endpoint.Host);
            span.SetTag(GenAiAttributes.ServerPort, ollama.Endpoint.Port);
        }

        return call.Operation == OllamaOperation.Pull
            ? new PullWatch(span, pulls.Start(call.Model), catalog)
            : new GenerationWatch(span, this, call);
    }
}
