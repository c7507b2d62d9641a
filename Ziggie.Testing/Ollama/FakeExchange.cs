using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ziggie.Testing.Ollama;

/// <summary>
/// One request as the fake's handlers see it: the settings current at arrival, its record, and one
/// token that fires when the client goes away or the fake stops. Every pause and gate waits on that
/// token, so a closed connection ends the handler at once instead of at its next write.
/// </summary>
internal sealed class FakeExchange : IDisposable
{
    private readonly CancellationTokenSource _cancelled;
    private readonly CancellationToken _stopping;

    private FakeExchange(HttpContext http, FakeOllama fake)
    {
        Http = http;
        Fake = fake;
        Settings = fake.Settings;
        Record = (RecordedRequest)http.Items[typeof(RecordedRequest)]!;
        _stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        _cancelled = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping);
    }

    public HttpContext Http { get; }
    public FakeOllama Fake { get; }
    public FakeOllamaSettings Settings { get; }
    public RecordedRequest Record { get; }
    public CancellationToken Cancelled => _cancelled.Token;

    /// <summary>Wraps a handler: a client that left needs no answer, and a stopping fake drops the connection like a dead server.</summary>
    public static RequestDelegate Handle(FakeOllama fake, Func<FakeExchange, Task> handler) => async http =>
    {
        using var exchange = new FakeExchange(http, fake);
        try
        {
            if (fake.TakeBriefFailure(exchange.Record.Path) is int status)
            {
                await exchange.WriteErrorAsync(status, CompletionGuard.DefaultFailure(status, exchange.Record.Model ?? ""));
                return;
            }
            await handler(exchange);
        }
        catch (Exception e) when (e is OperationCanceledException || (e is IOException && exchange.Cancelled.IsCancellationRequested))
        {
            // Marked here too: when this handler ends inside the abort callbacks, the recorder's own callback
            // can be unregistered before it runs.
            if (http.RequestAborted.IsCancellationRequested) exchange.Record.MarkAborted();
            if (exchange._stopping.IsCancellationRequested) exchange.DropConnection();
        }
    };

    public Task PauseAsync(TimeSpan delay) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, Cancelled) : Task.CompletedTask;

    /// <summary>Ends the TCP connection mid-response, as a crashing server would: what was sent arrives, then the stream just stops.</summary>
    public void DropConnection()
    {
        Record.MarkAborted();
        // Abort alone resets the socket, and a reset can destroy bytes the client has not read yet.
        // Sending FIN first puts the end of the stream behind the data, like the kernel of a dead process does.
        try
        {
            Http.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to protect.
        }
        Http.Abort();
    }

    /// <summary>The body as <typeparamref name="T"/>, or null after answering 400 the way Ollama does.</summary>
    public async Task<T?> ReadBodyAsync<T>() where T : class
    {
        if (string.IsNullOrWhiteSpace(Record.Body))
        {
            await WriteErrorAsync(StatusCodes.Status400BadRequest, "missing request body");
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(Record.Body, FakeOllamaJson.Options)
                ?? throw new JsonException("request body is null");
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(StatusCodes.Status400BadRequest, e.Message);
            return null;
        }
    }

    public Task WriteErrorAsync(int statusCode, string message) => WriteJsonAsync(new FakeOllamaError(message), statusCode);

    // Go's c.JSON: the whole object in one body with this exact content type.
    public Task WriteJsonAsync(object value, int statusCode = StatusCodes.Status200OK)
    {
        Http.Response.StatusCode = statusCode;
        Http.Response.ContentType = "application/json; charset=utf-8";
        return Http.Response.WriteAsync(FakeOllamaJson.Serialize(value), Cancelled);
    }

    public Task WriteTextAsync(string text)
    {
        Http.Response.ContentType = "text/plain; charset=utf-8";
        Http.Response.ContentLength = Encoding.UTF8.GetByteCount(text);
        return Http.Response.WriteAsync(text, Cancelled);
    }

    public void Dispose() => _cancelled.Dispose();
}
