using System.Buffers;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Forwards generate, chat and pull calls to Ollama: open the upstream call, read its lines, hand each to the
/// caller (and to <paramref name="onChunk"/>), and end with one <see cref="CallResult"/>. Streamed answers go out
/// line by line, each flushed the moment Ollama sends it; whole answers are streamed upstream too and joined
/// here, so the same time limits and cancellation apply to both.
/// </summary>
public sealed class OllamaRelay(OllamaClient ollama, NodeRouter router, IOptions<LlmOptions> options, LlmTelemetry telemetry, ILogger<OllamaRelay> logger)
{
    /// <param name="onChunk">Told every line Ollama sends that is not an error, with the call's span (a pull's progress).</param>
    internal OllamaClient Ollama => ollama;

    public async Task<RelayedCall> ForwardAsync(OllamaCall call, HttpContext http, Action<OllamaChunk, Activity?>? onChunk = null)
    {
        var result = new CallResult(keepText: call.KeepText || !call.Stream);
        using var span = telemetry.Start(call);
        try
        {
            Action<OllamaChunk>? tell = onChunk is null ? null : chunk => onChunk(chunk, span);
            var response = await RelayAsync(call, http, result, tell, span);
            return new RelayedCall(response, result);
        }
        finally
        {
            result.Finish(CallEnd.Unfinished, null);
            telemetry.End(span, call, result);
        }
    }

    private async Task<IResult> RelayAsync(OllamaCall call, HttpContext http, CallResult result, Action<OllamaChunk>? tell, Activity? span)
    {
        var limits = LimitsFor(call);
        if (await ChooseAsync(call, except: null, http.RequestAborted) is not { } node)
        {
            result.FailWithStatus(StatusCodes.Status404NotFound);
            return OllamaFailure.ModelNotFound(call.Model, $"no Ollama node has it: {string.Join(", ", router.Nodes.All.Select(n => n.Name))}");
        }

        // A call that fails before its first token goes once to another node that has the model; one that broke
        // mid-stream is never restarted (the caller would see its tokens twice).
        for (var retried = false; ; retried = true)
        {
            result.Routed(node.Name);
            http.Response.Headers[NodeRouter.HeaderName] = node.Name;
            LlmTelemetry.Routed(span, node);
            using var inFlight = node.Enter();
            var opening = await OllamaExchange.OpenAsync(ollama, node, call, limits, captureText: call.KeepText || !call.Stream || call.Framing is not null, http.RequestAborted);
            if (opening.ErrorResponse is { } error)
            {
                using (error)
                {
                    router.Ended(node, call.Model, answered: false);
                    if ((int)error.StatusCode >= 500 && !retried && await ChooseAsync(call, node, http.RequestAborted) is { } other)
                    {
                        node = other;
                        continue;
                    }

                    result.FailWithStatus((int)error.StatusCode);
                    return await OllamaFailure.FromResponseAsync(error, call.Model, http.RequestAborted);
                }
            }

            if (opening.Exchange is not { } exchange)
            {
                var failure = opening.Failure ?? CallEnd.Broken;
                if (failure == CallEnd.Broken) router.Failed(node, opening.Error?.Message ?? "the connection failed");
                if (failure == CallEnd.Broken && !retried && await ChooseAsync(call, node, http.RequestAborted) is { } other)
                {
                    node = other;
                    continue;
                }

                result.Finish(failure, opening.Error?.Message);
                return BeforeFirstToken(node, failure, opening.Error?.Message, limits);
            }

            await using (exchange)
            {
                var first = await exchange.NextAsync();
                if (first.Failure is { } failure)
                {
                    if (failure == CallEnd.Broken) router.Failed(node, first.Reason ?? "the connection broke");
                    else router.Ended(node, call.Model, answered: false);
                    if (failure is CallEnd.Broken or CallEnd.EndedEarly && !retried && await ChooseAsync(call, node, http.RequestAborted) is { } other)
                    {
                        node = other;
                        continue;
                    }

                    result.Finish(failure, first.Reason);
                    return failure == CallEnd.OllamaError
                        ? OllamaFailure.UpstreamError(null, first.Reason!)
                        : BeforeFirstToken(node, failure, first.Reason, limits);
                }

                var answer = call.Stream
                    ? await StreamAsync(call, exchange, first, http, limits, result, tell)
                    : await JoinAsync(call, node, exchange, first, limits, result, tell);
                router.Ended(node, call.Model, answered: call.Operation != OllamaOperation.Pull);
                Log(call, result);
                return answer;
            }
        }
    }

    /// <summary>The node named in the call (a pull to one node), else the router's choice; never <paramref name="except"/>.</summary>
    private ValueTask<OllamaNode?> ChooseAsync(OllamaCall call, OllamaNode? except, CancellationToken cancellationToken) =>
        call.Node is { } name
            ? ValueTask.FromResult(except is null ? router.Nodes.Find(name) : null)
            : router.ChooseAsync(call.Model, except, cancellationToken);

    internal LineLimits LimitsFor(OllamaCall call)
    {
        var limits = options.Value;
        return call.Operation == OllamaOperation.Pull
            ? new LineLimits(limits.FirstTokenTimeout, limits.PullIdleTimeout, $"{LlmOptions.Section}:{nameof(LlmOptions.PullIdleTimeout)}", limits.MaxLineBytes)
            : new LineLimits(limits.FirstTokenTimeout, limits.IdleTimeout, $"{LlmOptions.Section}:{nameof(LlmOptions.IdleTimeout)}", limits.MaxLineBytes);
    }

    private static IResult BeforeFirstToken(OllamaNode node, CallEnd failure, string? reason, LineLimits limits) => failure switch
    {
        CallEnd.CallerLeft => TypedResults.Empty,
        CallEnd.TimedOut => OllamaFailure.NoFirstToken(node.Shown, limits.FirstLine),
        CallEnd.Broken => OllamaFailure.Unreachable(node.Shown, new IOException(reason)),
        CallEnd.EndedEarly => OllamaFailure.UpstreamError(null, "the answer ended before its first line"),
        CallEnd.LineTooLong => OllamaFailure.UpstreamError(null, reason!),
        _ => OllamaFailure.UpstreamError(null, $"a line that is not JSON ({reason})"),
    };

    private static async Task<IResult> StreamAsync(
        OllamaCall call, OllamaExchange exchange, UpstreamLine line, HttpContext http, LineLimits limits, CallResult result, Action<OllamaChunk>? tell)
    {
        var framing = call.Framing ?? NdjsonFraming.Instance;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = framing.ContentType;
        var body = http.Response.BodyWriter;
        try
        {
            while (true)
            {
                if (line.Failure == CallEnd.CallerLeft)
                {
                    result.Finish(CallEnd.CallerLeft, null);
                    return TypedResults.Empty;
                }

                if (line.Failure is { } end)
                {
                    var failure = end switch
                    {
                        CallEnd.OllamaError => line.Reason!,
                        CallEnd.TimedOut => $"Ollama sent nothing for {limits.Idle.TotalSeconds:0.###} s ({limits.IdleSetting})",
                        CallEnd.EndedEarly => "Ollama ended the answer before it was done",
                        CallEnd.Broken => $"the connection to Ollama broke: {line.Reason}",
                        CallEnd.LineTooLong => line.Reason!,
                        _ => $"Ollama sent a line that is not JSON: {line.Reason}",
                    };
                    result.Finish(end, failure);
                    framing.WriteError(body, failure);
                    await body.FlushAsync(http.RequestAborted);
                    return TypedResults.Empty;
                }

                var last = call.IsLast(line.Chunk);
                result.OnChunk(line.Chunk, last);
                tell?.Invoke(line.Chunk);
                framing.WriteLine(body, line, last);
                // Each line goes out the moment Ollama's arrives; lines that arrived together go out together
                // (one flush, one send), which is most of what a burst of streams costs per token (Ziggie.Bench).
                if (last || !exchange.HasLineBuffered)
                {
                    await body.FlushAsync(http.RequestAborted);
                }

                if (last)
                {
                    await exchange.ReadToEndAsync();
                    return TypedResults.Empty;
                }

                line = await exchange.NextAsync();
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            result.Finish(CallEnd.CallerLeft, null);
            return TypedResults.Empty;
        }
    }

    /// <summary>A whole answer (<c>"stream": false</c>): Ollama's last object with the whole text in it.</summary>
    private static async Task<IResult> JoinAsync(OllamaCall call, OllamaNode node, OllamaExchange exchange, UpstreamLine line, LineLimits limits, CallResult result, Action<OllamaChunk>? tell)
    {
        var parts = new WholeAnswerParts(call.IsChat);
        while (line.Failure is null)
        {
            var last = call.IsLast(line.Chunk);
            result.OnChunk(line.Chunk, last);
            tell?.Invoke(line.Chunk);
            parts.Add(line.Bytes);
            if (last)
            {
                var final = JsonNode.Parse(line.Bytes.ToArray())!.AsObject();
                parts.Into(final);
                await exchange.ReadToEndAsync();
                return (call.Framing ?? NdjsonFraming.Instance).Whole(call, final, result);
            }

            line = await exchange.NextAsync();
        }

        var failure = line.Failure.Value;
        result.Finish(failure, line.Reason);
        return failure switch
        {
            CallEnd.OllamaError => OllamaFailure.UpstreamError(null, line.Reason!),
            CallEnd.TimedOut => OllamaFailure.QueryTimedOut(node.Shown, limits.Idle),
            _ => BeforeFirstToken(node, failure, line.Reason, limits),
        };
    }

    /// <summary>
    /// One line per call that did not complete. A completed call logs at Debug only: its span and the usage log
    /// already say it, and a line per answer was a measurable part of the cost of a short stream (Ziggie.Bench).
    /// </summary>
    private void Log(OllamaCall call, CallResult result)
    {
        var level = result.End == CallEnd.Completed ? LogLevel.Debug : LogLevel.Information;
        if (!logger.IsEnabled(level)) return;
        var outcome = result.End switch
        {
            CallEnd.Completed => "done",
            CallEnd.CallerLeft => "cancelled: the caller left",
            _ when call.Stream => $"ended with an error line: {result.Error}",
            _ => $"failed: {result.End}",
        };
        logger.Log(level, "Ollama {Path} for model {Model}: {Outcome} after {Chunks} chunks", call.Path, call.Model, outcome, result.Chunks);
    }
}

/// <summary>What the relay answered the caller, and how the call ended.</summary>
public readonly record struct RelayedCall(IResult Response, CallResult Result);

public enum OllamaOperation { Generate, Chat, Pull }

/// <summary>A generate, chat or pull call as the relay forwards it.</summary>
/// <param name="Body">The OllamaSharp request, always with <c>stream:true</c> upstream.</param>
/// <param name="Stream">Whether the caller wants NDJSON (true) or the final object (false).</param>
public sealed record OllamaCall(OllamaOperation Operation, object Body, string Model, bool Stream)
{
    /// <summary>The status of Ollama's last pull line when the model is in place.</summary>
    public const string PullSuccess = "success";

    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>How the answer goes out to the caller; null is Ollama's NDJSON as it came (<see cref="NdjsonFraming"/>).</summary>
    public IAnswerFraming? Framing { get; init; }

    /// <summary>Keep the answer's text in the <see cref="CallResult"/> (a whole answer always keeps it).</summary>
    public bool KeepText { get; init; }

    /// <summary>The node the call must go to (a pull to one node); null lets <see cref="NodeRouter"/> choose.</summary>
    public string? Node { get; init; }

    /// <summary>Ollama's route.</summary>
    public string Path => Operation switch
    {
        OllamaOperation.Generate => "api/generate",
        OllamaOperation.Chat => "api/chat",
        _ => "api/pull",
    };

    public bool IsChat => Operation == OllamaOperation.Chat;

    /// <summary>Ollama's last line: <c>"done":true</c> for a generation, <c>"status":"success"</c> for a pull.</summary>
    public bool IsLast(in OllamaChunk chunk) =>
        Operation == OllamaOperation.Pull ? chunk.Status == PullSuccess : chunk.Done;
}
