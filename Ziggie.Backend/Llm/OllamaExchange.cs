using System.Buffers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Ziggie.Backend.Llm;

/// <summary>
/// One streamed call to Ollama (<c>/api/generate</c>, <c>/api/chat</c> or <c>/api/pull</c>, always with
/// <c>stream:true</c> upstream), read line by line under two time limits: one for the first line, one for
/// the silence before each next line (<see cref="LineLimits"/>).
/// Failures come back as values, so callers can decide between a ProblemDetails (nothing sent yet)
/// and an error line (mid-stream).
/// </summary>
public sealed class OllamaExchange : IAsyncDisposable
{
    readonly HttpResponseMessage response;
    readonly OllamaLineReader lines;
    readonly CancellationTokenSource timeout;
    readonly CancellationToken callerGone;
    readonly LineLimits limits;
    readonly bool captureText;

    OllamaExchange(HttpResponseMessage response, Stream body, CancellationTokenSource timeout, CancellationToken callerGone, LineLimits limits, bool captureText)
    {
        this.response = response;
        this.timeout = timeout;
        this.callerGone = callerGone;
        this.limits = limits;
        this.captureText = captureText;
        lines = new OllamaLineReader(body);
    }

    public int Chunks { get; private set; }

    public static async Task<OllamaOpening> OpenAsync(
        HttpClient http, string path, object body, LineLimits limits, bool captureText, CancellationToken callerGone)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerGone);
        timeout.CancelAfter(limits.FirstLine);
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: OllamaJson.Options) };
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new OllamaOpening(null, response, LineKind.Chunk);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return new OllamaOpening(new OllamaExchange(response, stream, timeout, callerGone, limits, captureText), null, LineKind.Chunk);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            response?.Dispose();
            timeout.Dispose();
            var kind = callerGone.IsCancellationRequested ? LineKind.CallerLeft
                : ex is OperationCanceledException ? LineKind.TimedOut
                : LineKind.Broken;
            return new OllamaOpening(null, null, kind, ex);
        }
    }

    /// <summary>The next line of Ollama's answer, or why there is none. Awaited once per token: pooled, so a
    /// token costs no Task or state-machine allocation (Ziggie.Bench measured ~400 B per token without).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<UpstreamLine> NextAsync()
    {
        try
        {
            var line = await lines.ReadLineAsync(timeout.Token);
            if (line is not { } bytes)
            {
                return new UpstreamLine(LineKind.EndOfBody, default, default);
            }

            Chunks++;
            timeout.CancelAfter(limits.Idle);
            return new UpstreamLine(LineKind.Chunk, bytes, OllamaChunk.Read(bytes, captureText));
        }
        catch (JsonException ex)
        {
            return new UpstreamLine(LineKind.Malformed, default, default, ex.Message);
        }
        catch (OperationCanceledException) when (callerGone.IsCancellationRequested)
        {
            return new UpstreamLine(LineKind.CallerLeft, default, default);
        }
        catch (OperationCanceledException)
        {
            return new UpstreamLine(LineKind.TimedOut, default, default);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return new UpstreamLine(LineKind.Broken, default, default, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await lines.DisposeAsync();
        response.Dispose();
        timeout.Dispose();
    }
}

/// <summary>How long the first line may take, and the silence before each next one (named by its setting).</summary>
public readonly record struct LineLimits(TimeSpan FirstLine, TimeSpan Idle, string IdleSetting);

public enum LineKind { Chunk, EndOfBody, CallerLeft, TimedOut, Broken, Malformed }

/// <summary>A line from Ollama: its bytes (valid until the next read) and what they say.</summary>
public readonly record struct UpstreamLine(LineKind Kind, ReadOnlySequence<byte> Bytes, OllamaChunk Chunk, string? Reason = null);

/// <summary>The result of sending the request: an open exchange, an error response, or a failure to connect.</summary>
public sealed record OllamaOpening(OllamaExchange? Exchange, HttpResponseMessage? ErrorResponse, LineKind Failure, Exception? Error = null);

static class OllamaJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
