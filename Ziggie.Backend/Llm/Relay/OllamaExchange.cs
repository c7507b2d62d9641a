using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Llm;

/// <summary>
/// One streamed call to Ollama (<c>/api/generate</c>, <c>/api/chat</c> or <c>/api/pull</c>, always with
/// <c>stream:true</c> upstream), read frame by frame under the <see cref="LineLimits"/>: a time for the first
/// line, a silence before each next one, and a size. Failures come back as values, so the relay can decide
/// between a ProblemDetails (nothing sent yet) and an error line (mid-stream).
/// </summary>
public sealed class OllamaExchange : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly OllamaLineReader _lines;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationToken _callerGone;
    private readonly LineLimits _limits;
    private readonly bool _captureText;

    private OllamaExchange(HttpResponseMessage response, Stream body, CancellationTokenSource timeout, CancellationToken callerGone, LineLimits limits, bool captureText)
    {
        _response = response;
        _timeout = timeout;
        _callerGone = callerGone;
        _limits = limits;
        _captureText = captureText;
        _lines = new OllamaLineReader(body, limits.MaxLineBytes);
    }

    public static async Task<OllamaOpening> OpenAsync(
        OllamaClient ollama, OllamaNode node, OllamaCall call, LineLimits limits, bool captureText, CancellationToken callerGone)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerGone);
        timeout.CancelAfter(limits.FirstLine);
        HttpResponseMessage? response = null;
        try
        {
            response = await ollama.SendStreamingAsync(node, call.Path, call.Body, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                timeout.Dispose();
                return new OllamaOpening(null, response, null);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return new OllamaOpening(new OllamaExchange(response, stream, timeout, callerGone, limits, captureText), null, null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            response?.Dispose();
            timeout.Dispose();
            var failure = callerGone.IsCancellationRequested ? CallEnd.CallerLeft
                : ex is OperationCanceledException ? CallEnd.TimedOut
                : CallEnd.Broken;
            return new OllamaOpening(null, null, failure, ex);
        }
    }

    /// <summary>The next line of Ollama's answer, or why there is none. Awaited once per token: pooled, so a
    /// token costs no Task or state-machine allocation (Ziggie.Bench measured ~400 B per token without).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<UpstreamLine> NextAsync()
    {
        try
        {
            var line = await _lines.ReadLineAsync(_timeout.Token);
            if (line is not { } bytes)
            {
                return UpstreamLine.Failed(CallEnd.EndedEarly);
            }

            _timeout.CancelAfter(_limits.Idle);
            var chunk = OllamaChunk.Read(bytes, _captureText);
            return chunk.Error is { } error
                ? UpstreamLine.Failed(CallEnd.OllamaError, error)
                : new UpstreamLine(null, bytes, chunk);
        }
        catch (JsonException ex)
        {
            return UpstreamLine.Failed(CallEnd.Malformed, ex.Message);
        }
        catch (OllamaLineReader.LineTooLongException)
        {
            // Closes the upstream request at once: the relay disposes the exchange as soon as it has said why.
            return UpstreamLine.Failed(CallEnd.LineTooLong,
                $"Ollama sent a line longer than {_limits.MaxLineBytes} bytes without a newline ({_limits.MaxLineSetting})");
        }
        catch (OperationCanceledException) when (_callerGone.IsCancellationRequested)
        {
            return UpstreamLine.Failed(CallEnd.CallerLeft);
        }
        catch (OperationCanceledException)
        {
            return UpstreamLine.Failed(CallEnd.TimedOut);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return UpstreamLine.Failed(CallEnd.Broken, ex.Message);
        }
    }

    /// <summary>The next line is already here: reading it will not wait for Ollama.</summary>
    public bool HasLineBuffered => _lines.HasLineBuffered;

    public async ValueTask DisposeAsync()
    {
        await _lines.DisposeAsync();
        _response.Dispose();
        _timeout.Dispose();
    }
}

/// <summary>How long the first line may take, the silence before each next one (named by its setting), and a line's size.</summary>
public readonly record struct LineLimits(TimeSpan FirstLine, TimeSpan Idle, string IdleSetting, int MaxLineBytes)
{
    public string MaxLineSetting => $"{LlmOptions.Section}:{nameof(LlmOptions.MaxLineBytes)}";
}

/// <summary>A line from Ollama: its bytes (valid until the next read) and what they say; or, with
/// <see cref="Failure"/> set, why there is no line (<see cref="Reason"/> in words when there are any).</summary>
public readonly record struct UpstreamLine(CallEnd? Failure, ReadOnlySequence<byte> Bytes, OllamaChunk Chunk, string? Reason = null)
{
    public static UpstreamLine Failed(CallEnd failure, string? reason = null) => new(failure, default, default, reason);
}

/// <summary>The result of sending the request: an open exchange, an error response, or (<see cref="Failure"/>) why neither came.</summary>
public sealed record OllamaOpening(OllamaExchange? Exchange, HttpResponseMessage? ErrorResponse, CallEnd? Failure, Exception? Error = null);
