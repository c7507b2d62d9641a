using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ziggie.Backend.SystemInfo;

/// <summary>
/// <c>WS /ws</c>: a <c>system_stats</c> message at once, then one every <see cref="SystemOptions.StatsInterval"/>,
/// until the browser closes the socket or the backend stops.
/// </summary>
public static class StatsSocket
{
    public static async Task<IResult> AcceptAsync(
        HttpContext http, SystemStatsReader reader, IOptions<SystemOptions> options, IOptions<JsonOptions> json, TimeProvider time)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket expected",
                detail: "/ws is a WebSocket: connect to ws://…/ws offering the subprotocols \"bearer\" and <token from /api/auth/login> " +
                        "(or ws://…/ws?access_token=<token>). For one reading use GET /api/system/stats.");
        }

        // A browser that offered subprotocols fails the connection unless the server picks one of them.
        using var socket = await http.WebSockets.AcceptWebSocketAsync(
            http.WebSockets.WebSocketRequestedProtocols.Contains(BearerProtocol) ? BearerProtocol : null);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var listening = WaitForCloseAsync(socket, closed);
        using var timer = new PeriodicTimer(options.Value.StatsInterval, time);
        try
        {
            do
            {
                var message = SystemStatsMessage.From(await reader.ReadAsync(closed.Token));
                var bytes = JsonSerializer.SerializeToUtf8Bytes(message, json.Value.SerializerOptions);
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            }
            while (await timer.WaitForNextTickAsync(closed.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser left or the backend is stopping: nothing to report to anyone.
        }

        await listening;
        return TypedResults.Empty;
    }

    /// <summary>The subprotocol that says "the next one is my bearer token".</summary>
    public const string BearerProtocol = "bearer";

    /// <summary>The token offered as the subprotocol after <see cref="BearerProtocol"/>, if any.</summary>
    /// <remarks>Read from the header: authentication runs before the WebSocket middleware, whose parsed list is empty then.</remarks>
    public static string? TokenFromProtocols(HttpContext http)
    {
        var offered = http.Request.Headers.SecWebSocketProtocol.ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var at = Array.IndexOf(offered, BearerProtocol);
        return at >= 0 && at + 1 < offered.Length ? offered[at + 1] : null;
    }

    // Reads until the browser says goodbye; that ends the sending loop too.
    static async Task WaitForCloseAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType != WebSocketMessageType.Close) continue;
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await closed.CancelAsync();
        }
    }
}
