using System.Diagnostics;

namespace Ziggie.Backend.Llm;

/// <summary>
/// A generate or chat call: its span gets the GenAI attributes (tokens, finish reason), and the metrics get
/// the time to first token, the generation speed and the outcome. Per line it only checks two flags.
/// </summary>
sealed class GenerationWatch : OllamaCallWatch
{
    readonly LlmTelemetry telemetry;
    readonly TagList tags;
    readonly long started = Stopwatch.GetTimestamp();
    bool sawFirstLine;

    public GenerationWatch(Activity? span, LlmTelemetry telemetry, OllamaCall call) : base(span)
    {
        this.telemetry = telemetry;
        var operation = call.IsChat ? GenAiAttributes.Chat : GenAiAttributes.TextCompletion;
        tags = new TagList
        {
            { GenAiAttributes.OperationName, operation },
            { GenAiAttributes.ProviderName, GenAiAttributes.Ollama },
            { GenAiAttributes.RequestModel, call.Model },
        };

        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(GenAiAttributes.OperationName, operation);
            span.SetTag(GenAiAttributes.ProviderName, GenAiAttributes.Ollama);
            span.SetTag(GenAiAttributes.System, GenAiAttributes.Ollama);
            span.SetTag(GenAiAttributes.RequestTemperature, call.Temperature);
            span.SetTag(GenAiAttributes.RequestMaxTokens, call.MaxTokens);
        }
    }

    protected override void Observe(in OllamaChunk chunk)
    {
        if (!sawFirstLine)
        {
            sawFirstLine = true;
            telemetry.TimeToFirstToken.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }

        if (!chunk.Done) return;

        Span?.SetTag(GenAiAttributes.InputTokens, chunk.PromptEvalCount);
        Span?.SetTag(GenAiAttributes.OutputTokens, chunk.EvalCount);
        if (chunk.DoneReason is { } reason)
        {
            Span?.SetTag(GenAiAttributes.FinishReasons, new[] { reason });
        }

        if (chunk is { EvalCount: > 0 and var tokens, EvalDuration: > 0 and var nanoseconds })
        {
            telemetry.TokensPerSecond.Record(tokens / (nanoseconds / 1e9), tags);
        }
    }

    protected override void OnEnd(CallOutcome outcome, string? errorType)
    {
        var counted = tags;
        counted.Add(GenAiAttributes.Outcome, Name(outcome));
        if (errorType is not null)
        {
            counted.Add(GenAiAttributes.ErrorType, errorType);
        }

        telemetry.Requests.Add(1, counted);
    }
}
