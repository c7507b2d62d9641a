using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Llm;

/// <summary>A generate or chat call as the relay forwards it.</summary>
/// <param name="Path">Ollama's route, <c>api/generate</c> or <c>api/chat</c>.</param>
/// <param name="Body">The OllamaSharp request, always with <c>stream:true</c> upstream.</param>
/// <param name="Stream">Whether the caller wants NDJSON (true) or the final object (false).</param>
public sealed record OllamaCall(string Path, object Body, string Model, bool Stream)
{
    public bool IsChat => Path == "api/chat";
}

/// <summary>
/// Forwards generate and chat calls to Ollama. Streamed answers go out line by line, each flushed
/// the moment Ollama sends it (the old backend buffered whole answers). Whole answers are streamed
/// upstream too and joined here, so the same time limits and cancellation apply to both.
/// </summary>
public sealed class OllamaRelay(IHttpClientFactory clients, OllamaConnection ollama, IOptions<LlmOptions> options, ILogger<OllamaRelay> logger)
{
    public const string HttpClientName = "ollama";

    /// <param name="outcome">Filled in as the call goes (read it once this returns); it decides whether the text is kept.</param>
    public async Task<IResult> ForwardAsync(OllamaCall call, HttpContext http, RelayOutcome outcome)
    {
        var limits = options.Value;
        var opening = await OllamaExchange.OpenAsync(
            clients.CreateClient(HttpClientName), call.Path, call.Body, limits, outcome.CapturesText, http.RequestAborted);

        if (opening.ErrorResponse is { } error)
        {
            using (error)
            {
                var problem = await OllamaFailure.FromResponseAsync(error, call.Model, http.RequestAborted);
                outcome.Broke($"Ollama answered {(int)error.StatusCode}");
                return problem;
            }
        }

        if (opening.Exchange is not { } exchange)
        {
            return BeforeFirstToken(opening.Failure, opening.Error?.Message, limits, outcome);
        }

        await using (exchange)
        {
            var first = await exchange.NextAsync();
            if (first.Kind != LineKind.Chunk || first.Chunk.Error is not null)
            {
                if (first.Chunk.Error is not { } said) return BeforeFirstToken(first.Kind, first.Reason, limits, outcome);
                outcome.Broke(said);
                return OllamaFailure.UpstreamError(null, said);
            }

            return call.Stream
                ? await StreamAsync(call, exchange, first, http, limits, outcome)
                : await JoinAsync(call, exchange, first, limits, outcome);
        }
    }

    IResult BeforeFirstToken(LineKind failure, string? reason, LlmOptions limits, RelayOutcome outcome)
    {
        outcome.Broke(failure == LineKind.CallerLeft ? "the caller left" : reason ?? failure.ToString());
        return BeforeFirstToken(failure, reason, limits);
    }

    IResult BeforeFirstToken(LineKind failure, string? reason, LlmOptions limits) => failure switch
    {
        LineKind.CallerLeft => TypedResults.Empty,
        LineKind.TimedOut => OllamaFailure.NoFirstToken(ollama.Endpoint, limits.FirstTokenTimeout),
        LineKind.Broken => OllamaFailure.Unreachable(ollama.Endpoint, new IOException(reason)),
        LineKind.EndOfBody => OllamaFailure.UpstreamError(null, "the answer ended before its first line"),
        _ => OllamaFailure.UpstreamError(null, $"a line that is not JSON ({reason})"),
    };

    async Task<IResult> StreamAsync(OllamaCall call, OllamaExchange exchange, UpstreamLine line, HttpContext http, LlmOptions limits, RelayOutcome outcome)
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
                    outcome.Broke("the caller left");
                    Log(call, "cancelled: the caller left", exchange);
                    return TypedResults.Empty;
                }

                var failure = line.Kind switch
                {
                    LineKind.Chunk => line.Chunk.Error,
                    LineKind.TimedOut => $"Ollama sent nothing for {limits.IdleTimeout.TotalSeconds:0.###} s ({LlmOptions.Section}:IdleTimeout)",
                    LineKind.EndOfBody => "Ollama ended the answer before it was done",
                    LineKind.Broken => $"the connection to Ollama broke: {line.Reason}",
                    _ => $"Ollama sent a line that is not JSON: {line.Reason}",
                };

                if (failure is not null)
                {
                    outcome.Broke(failure);
                    WriteErrorLine(body, failure);
                    await body.FlushAsync(http.RequestAborted);
                    Log(call, $"ended with an error line: {failure}", exchange);
                    return TypedResults.Empty;
                }

                foreach (var segment in line.Bytes)
                {
                    body.Write(segment.Span);
                }

                body.Write("\n"u8);
                outcome.Chunk(line.Chunk);
                await body.FlushAsync(http.RequestAborted);
                if (line.Chunk.Done)
                {
                    Log(call, "done", exchange);
                    return TypedResults.Empty;
                }

                line = await exchange.NextAsync();
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            if (outcome.Kind != RelayOutcome.Completed) outcome.Broke("the caller left");
            Log(call, "cancelled: the caller left", exchange);
            return TypedResults.Empty;
        }
    }

    async Task<IResult> JoinAsync(OllamaCall call, OllamaExchange exchange, UpstreamLine line, LlmOptions limits, RelayOutcome outcome)
    {
        while (line is { Kind: LineKind.Chunk, Chunk.Error: null })
        {
            outcome.Chunk(line.Chunk);
            if (line.Chunk.Done)
            {
                Log(call, "done", exchange);
                return TypedResults.Ok(WithText(call, JsonNode.Parse(Flatten(line.Bytes))!.AsObject(), outcome.Text));
            }

            line = await exchange.NextAsync();
        }

        outcome.Broke(line.Chunk.Error ?? line.Reason ?? line.Kind.ToString());
        Log(call, $"failed: {line.Kind}", exchange);
        return line.Kind switch
        {
            LineKind.Chunk => OllamaFailure.UpstreamError(null, line.Chunk.Error!),
            LineKind.TimedOut => OllamaFailure.QueryTimedOut(ollama.Endpoint, limits.IdleTimeout),
            _ => BeforeFirstToken(line.Kind, line.Reason, limits),
        };
    }

    /// <summary>Ollama's own non-streamed answer is its last chunk with the whole text in it.</summary>
    static JsonObject WithText(OllamaCall call, JsonObject final, string text)
    {
        if (call.IsChat)
        {
            var message = final["message"] as JsonObject ?? new JsonObject { ["role"] = "assistant" };
            message["content"] = text;
            final["message"] = message;
        }
        else
        {
            final["response"] = text;
        }

        return final;
    }

    static byte[] Flatten(ReadOnlySequence<byte> bytes) => bytes.ToArray();

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
