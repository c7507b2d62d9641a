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
    private readonly LineDeadline _deadline;
    private readonly CancellationToken _callerGone;
    private readonly LineLimits _limits;
    private readonly bool _captureText;

    private OllamaExchange(HttpResponseMessage response, Stream body, LineDeadline deadline, CancellationToken callerGone, LineLimits limits, bool captureText)
    {
        _response = response;
        _deadline = deadline;
        _callerGone = callerGone;
        _limits = limits;
        _captureText = captureText;
        _lines = new OllamaLineReader(body, limits.MaxLineBytes);
    }

    public static async Task<OllamaOpening> OpenAsync(
        OllamaClient ollama, OllamaNode node, OllamaCall call, LineLimits limits, bool captureText, CancellationToken callerGone)
    {
        var deadline = new LineDeadline(callerGone, limits.FirstLine);
        HttpResponseMessage? response = null;
        try
        {
            response = await ollama.SendStreamingAsync(node, call.Path, call.Body, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                deadline.Dispose();
                return new OllamaOpening(null, response, null);
            }

            var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            return new OllamaOpening(new OllamaExchange(response, stream, deadline, callerGone, limits, captureText), null, null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            response?.Dispose();
            deadline.Dispose();
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
            var line = await _lines.ReadLineAsync(_deadline.Token);
            if (line is not { } bytes)
            {
                return UpstreamLine.Failed(CallEnd.EndedEarly);
            }

            _deadline.Extend(_limits.Idle);
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

    /// <summary>
    /// After the last line: reads Ollama's answer to its end (the closing chunk comes in a write of its own), so the
    /// connection is back in the pool before the caller's answer ends, as a byte-copying proxy's is. Disposed earlier,
    /// the connection was drained in the background, and a caller who sent its next request at once found no idle
    /// connection: it waited for that drain or for a new connection to Ollama (Ziggie.Bench, 256 streams: the pool grew
    /// past the streams in flight, and the time to first token with it). Nothing after the last line is kept; a failure
    /// here only means the connection is not reused.
    /// </summary>
    public async ValueTask ReadToEndAsync()
    {
        try
        {
            while (await _lines.ReadLineAsync(_deadline.Token) is not null)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or OllamaLineReader.LineTooLongException)
        {
            // The connection is closed instead of reused; the answer itself is complete.
        }
    }

    /// <summary>The next line is already here: reading it will not wait for Ollama.</summary>
    public bool HasLineBuffered => _lines.HasLineBuffered;

    public async ValueTask DisposeAsync()
    {
        await _lines.DisposeAsync();
        _response.Dispose();
        _deadline.Dispose();
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

/// <summary>
/// Cancels a call to Ollama whose next line is late: the first one after <see cref="LineLimits.FirstLine"/>, each next
/// one after <see cref="LineLimits.Idle"/> of silence. A line only moves the deadline (one write of a number); the one
/// timer of the call is changed only when it fires before the deadline it finds. Re-arming a timer per line
/// (<c>CancelAfter</c>) took the process-wide timer lock once per token: about a sixth of the relay's CPU under 64
/// streams, most of it spent waiting for that lock (docs/performance.md).
/// </summary>
internal sealed class LineDeadline : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Timer _timer;
    private long _dueAt;
    private long _firesAt;

    public LineDeadline(CancellationToken callerGone, TimeSpan firstLine)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(callerGone);
        _timer = new Timer(static state => ((LineDeadline)state!).Check(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _dueAt = Environment.TickCount64 + (long)firstLine.TotalMilliseconds;
        Arm(_dueAt);
    }

    /// <summary>Cancelled when the deadline passes or the caller leaves.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>A line arrived: the next one may take <paramref name="idle"/>. The timer moves only if that is sooner than it fires.</summary>
    public void Extend(TimeSpan idle)
    {
        var dueAt = Environment.TickCount64 + (long)idle.TotalMilliseconds;
        Volatile.Write(ref _dueAt, dueAt);
        if (dueAt < Volatile.Read(ref _firesAt)) Arm(dueAt);
    }

    private void Arm(long at)
    {
        Volatile.Write(ref _firesAt, at);
        try
        {
            _timer.Change(TimeSpan.FromMilliseconds(Math.Max(0, at - Environment.TickCount64)), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The call has ended.
        }
    }

    private void Check()
    {
        var dueAt = Volatile.Read(ref _dueAt);
        if (dueAt > Environment.TickCount64)
        {
            Arm(dueAt);
            return;
        }

        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended while the timer fired.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _cancel.Dispose();
    }
}
