using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Spans and metrics of Ziggie's LLM calls: one span per generate, chat or pull, and the instruments the
/// dashboard charts. It observes: it reads each call's <see cref="CallResult"/> when the call is over and
/// writes nothing the usage log or chat history keep. Names follow OpenTelemetry's GenAI conventions, so the
/// dashboard and any other OpenTelemetry tool recognise them without being told.
/// </summary>
public sealed class LlmTelemetry
{
    /// <summary>The activity source and meter of the backend's own spans and instruments.</summary>
    public const string SourceName = "Ziggie.Backend";

    public const string TimeToFirstTokenName = "ziggie.llm.time_to_first_token";
    public const string TokensPerSecondName = "ziggie.llm.tokens_per_second";
    public const string RequestsName = "ziggie.llm.requests";

    private const string OperationName = "gen_ai.operation.name";
    private const string ProviderName = "gen_ai.provider.name";
    private const string LegacySystem = "gen_ai.system"; // the older name of ProviderName, still the one some tools look for
    private const string RequestModel = "gen_ai.request.model";
    private const string RequestTemperature = "gen_ai.request.temperature";
    private const string RequestMaxTokens = "gen_ai.request.max_tokens";
    private const string InputTokens = "gen_ai.usage.input_tokens";
    private const string OutputTokens = "gen_ai.usage.output_tokens";
    private const string FinishReasons = "gen_ai.response.finish_reasons";
    private const string ErrorType = "error.type";
    private const string Outcome = "outcome"; // Ziggie's own: ok, error, timeout or cancelled
    private const string Provider = "ollama";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _tokensPerSecond;
    private readonly Counter<long> _requests;

    /// <summary>Ziggie's own: the name of the Ollama node that answered (<c>server.address</c> is its host).</summary>
    public const string NodeAttribute = "ziggie.ollama.node";

    public LlmTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(SourceName);
        _timeToFirstToken = meter.CreateHistogram(
            TimeToFirstTokenName, "s", "Time from sending a generate or chat call to Ollama's first token.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 45, 90, 180] });
        _tokensPerSecond = meter.CreateHistogram(
            TokensPerSecondName, "{token}/s", "Output tokens per second of generation, as Ollama measured it.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 50, 75, 100, 150, 250, 500] });
        _requests = meter.CreateCounter<long>(RequestsName, "{request}", "Generate and chat calls by model and outcome.");
    }

    /// <summary>The call's span, begun now: "{operation} {model}" as the GenAI conventions name it.</summary>
    public Activity? Start(OllamaCall call)
    {
        var span = Source.StartActivity($"{Operation(call) ?? "pull"} {call.Model}", ActivityKind.Client);
        if (span is not { IsAllDataRequested: true }) return span;

        span.SetTag(RequestModel, call.Model);
        if (Operation(call) is { } operation)
        {
            span.SetTag(OperationName, operation);
            span.SetTag(ProviderName, Provider);
            span.SetTag(LegacySystem, Provider);
            span.SetTag(RequestTemperature, call.Temperature);
            span.SetTag(RequestMaxTokens, call.MaxTokens);
        }

        return span;
    }

    /// <summary>The node the call goes to (again on a retry: the span names the one that answered).</summary>
    public static void Routed(Activity? span, OllamaNode node)
    {
        if (span is not { IsAllDataRequested: true }) return;
        span.SetTag("server.address", node.Connection.Endpoint.Host);
        span.SetTag("server.port", node.Connection.Endpoint.Port);
        span.SetTag(NodeAttribute, node.Name);
    }

    /// <summary>Reports the ended call on its span and, for a generation, in the metrics.</summary>
    public void End(Activity? span, OllamaCall call, CallResult result)
    {
        var (outcome, errorType) = Describe(result);
        if (errorType is not null)
        {
            span?.SetTag(ErrorType, errorType);
        }

        if (outcome is "error" or "timeout")
        {
            span?.SetStatus(ActivityStatusCode.Error, result.Error);
        }

        if (Operation(call) is not { } operation) return;

        if (result.End == CallEnd.Completed && span is not null)
        {
            span.SetTag(InputTokens, result.PromptTokens);
            span.SetTag(OutputTokens, result.CompletionTokens);
            if (result.DoneReason is { } reason)
            {
                span.SetTag(FinishReasons, new[] { reason });
            }
        }

        var tags = new TagList { { OperationName, operation }, { ProviderName, Provider }, { RequestModel, call.Model } };
        if (result.FirstToken is { } firstToken)
        {
            _timeToFirstToken.Record(firstToken.TotalSeconds, tags);
        }

        if (result is { CompletionTokens: > 0 and var tokens, EvalDuration: > 0 and var nanoseconds })
        {
            _tokensPerSecond.Record(tokens / (nanoseconds / 1e9), tags);
        }

        tags.Add(Outcome, outcome);
        if (errorType is not null)
        {
            tags.Add(ErrorType, errorType);
        }

        _requests.Add(1, tags);
    }

    private static string? Operation(OllamaCall call) => call.Operation switch
    {
        OllamaOperation.Generate => "text_completion",
        OllamaOperation.Chat => "chat",
        _ => null,
    };

    /// <summary>The result in telemetry's words: the <c>outcome</c> tag and the <c>error.type</c> of the conventions.</summary>
    private static (string Outcome, string? ErrorType) Describe(CallResult result) => result.End switch
    {
        CallEnd.Completed => ("ok", null),
        CallEnd.CallerLeft => ("cancelled", "cancelled"),
        CallEnd.TimedOut => ("timeout", "timeout"),
        CallEnd.Broken => ("error", "connection_broken"),
        CallEnd.EndedEarly => ("error", "ended_early"),
        CallEnd.Malformed => ("error", "malformed_line"),
        CallEnd.LineTooLong => ("error", "line_too_long"),
        CallEnd.OllamaError => ("error", "ollama_error"),
        CallEnd.ErrorStatus => ("error", result.ErrorStatus?.ToString(CultureInfo.InvariantCulture)),
        _ => ("error", "unfinished"),
    };
}
