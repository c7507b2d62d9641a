using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Forwards generate, chat and pull calls to Ollama. Streamed answers go out line by line, each flushed
/// the moment Ollama sends it (the old backend buffered whole answers). Whole answers are streamed
/// upstream too and joined here, so the same time limits and cancellation apply to both. Every call is
/// watched (<see cref="LlmTelemetry"/>) from request to last line.
/// </summary>
public sealed class OllamaRelay(
    IHttpClientFactory clients, OllamaConnection ollama, IOptions<LlmOptions> options, LlmTelemetry telemetry, ILogger<OllamaRelay> logger)
{
    public const string HttpClientName = "ollama";

    /// <param name="outcome">Filled in as the call goes, for the usage log and chat history (read it once this returns);
    /// it also decides whether a streamed answer's text is kept.</param>
    public async Task<IResult> ForwardAsync(OllamaCall call, HttpContext http, RelayOutcome? outcome = null)
    {
        using var watch = telemetry.Watch(call);
        watch.Report(outcome);
        var limits = LimitsFor(call);
        var opening = await OllamaExchange.OpenAsync(
            clients.CreateClient(HttpClientName), call.Path, call.Body, limits, captureText: !call.Stream || outcome?.CapturesText == true, http.RequestAborted);

        if (opening.ErrorResponse is { } error)
        {
            using (error)
            {
                watch.FailWithStatus((int)error.StatusCode);
                return await OllamaFailure.FromResponseAsync(error, call.Model, http.RequestAborted);
            }
        }

        if (opening.Exchange is not { } exchange)
        {
            watch.Fail(opening.Failure, opening.Error?.Message);
            return BeforeFirstToken(opening.Failure, opening.Error?.Message, limits);
        }

        await using (exchange)
        {
            var first = await exchange.NextAsync();
            if (first.Kind != LineKind.Chunk || first.Chunk.Error is not null)
            {
                watch.Fail(first.Kind, first.Chunk.Error ?? first.Reason);
                return first.Chunk.Error is { } said
                    ? OllamaFailure.UpstreamError(null, said)
                    : BeforeFirstToken(first.Kind, first.Reason, limits);
            }

            return call.Stream
                ? await StreamAsync(call, exchange, first, http, limits, watch)
                : await JoinAsync(call, exchange, first, limits, watch);
        }
    }

    LineLimits LimitsFor(OllamaCall call)
    {
        var limits = options.Value;
        return call.Operation == OllamaOperation.Pull
            ? new LineLimits(limits.FirstTokenTimeout, limits.PullIdleTimeout, $"{LlmOptions.Section}:PullIdleTimeout")
            : new LineLimits(limits.FirstTokenTimeout, limits.IdleTimeout, $"{LlmOptions.Section}:IdleTimeout");
    }

    IResult BeforeFirstToken(LineKind failure, string? reason, LineLimits limits) => failure switch
    {
        LineKind.CallerLeft => TypedResults.Empty,
        LineKind.TimedOut => OllamaFailure.NoFirstToken(ollama.Shown, limits.FirstLine),
        LineKind.Broken => OllamaFailure.Unreachable(ollama.Shown, new IOException(reason)),
        LineKind.EndOfBody => OllamaFailure.UpstreamError(null, "the answer ended before its first line"),
        _ => OllamaFailure.UpstreamError(null, $"a line that is not JSON ({reason})"),
    };

    async Task<IResult> StreamAsync(OllamaCall call, OllamaExchange exchange, UpstreamLine line, HttpContext http, LineLimits limits, OllamaCallWatch watch)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-ndjson";
        var body = http.Response.BodyWriter;
        try
        {
            while (true)
            {
                if (line.Kind == LineKind.CallerLeft)
                {
                    watch.Fail(LineKind.CallerLeft, null);
                    Log(call, "cancelled: the caller left", exchange);
                    return TypedResults.Empty;
                }

                var failure = line.Kind switch
                {
                    LineKind.Chunk => line.Chunk.Error,
                    LineKind.TimedOut => $"Ollama sent nothing for {limits.Idle.TotalSeconds:0.###} s ({limits.IdleSetting})",
                    LineKind.EndOfBody => "Ollama ended the answer before it was done",
                    LineKind.Broken => $"the connection to Ollama broke: {line.Reason}",
                    _ => $"Ollama sent a line that is not JSON: {line.Reason}",
                };

                if (failure is not null)
                {
                    watch.Fail(line.Kind, failure);
                    WriteErrorLine(body, failure);
                    await body.FlushAsync(http.RequestAborted);
                    Log(call, $"ended with an error line: {failure}", exchange);
                    return TypedResults.Empty;
                }

                watch.OnLine(line.Chunk);
                foreach (var segment in line.Bytes)
                {
                    body.Write(segment.Span);
                }

                body.Write("\n"u8);
                await body.FlushAsync(http.RequestAborted);
                if (call.IsLast(line.Chunk))
                {
                    watch.Succeed();
                    Log(call, "done", exchange);
                    return TypedResults.Empty;
                }

                line = await exchange.NextAsync();
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            watch.Fail(LineKind.CallerLeft, null);
            Log(call, "cancelled: the caller left", exchange);
            return TypedResults.Empty;
        }
    }

    async Task<IResult> JoinAsync(OllamaCall call, OllamaExchange exchange, UpstreamLine first, LineLimits limits, OllamaCallWatch watch)
    {
        var (answer, failed) = await OllamaAnswer.JoinAsync(call, exchange, first, watch);
        if (answer is not null)
        {
            Log(call, "done", exchange);
            return TypedResults.Ok(answer);
        }

        Log(call, $"failed: {failed.Kind}", exchange);
        return failed.Kind switch
        {
            LineKind.Chunk => OllamaFailure.UpstreamError(null, failed.Chunk.Error!),
            LineKind.TimedOut => OllamaFailure.QueryTimedOut(ollama.Shown, limits.Idle),
            _ => BeforeFirstToken(failed.Kind, failed.Reason, limits),
        };
    }

    static void WriteErrorLine(IBufferWriter<byte> body, string error)
    {
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("error", error);
            json.WriteBoolean("done", true);
            json.WriteEndObject();
        }

        body.Write("\n"u8);
    }

    void Log(OllamaCall call, string outcome, OllamaExchange exchange) =>
        logger.LogInformation("Ollama {Path} for model {Model}: {Outcome} after {Chunks} chunks", call.Path, call.Model, outcome, exchange.Chunks);
}
