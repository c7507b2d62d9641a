using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Security;

namespace Ziggie.Backend.SystemInfo;

/// <summary>
/// <c>WS /ws</c>: a <c>system_stats</c> message at once, then one every <see cref="SystemOptions.StatsInterval"/>,
/// until the browser closes the socket, the backend stops or the token it was opened with expires (close 1008).
/// A user has at most <see cref="LimitOptions.SocketsPerUser"/> of them open.
/// </summary>
public static class StatsSocket
{
    public const string ExpiredReason = "The access token expired; sign in again and reconnect.";

    /// <summary>How long the backend waits for the browser to answer its close before it drops the connection.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    public static async Task<IResult> AcceptAsync(
        HttpContext http, SystemStatsReader reader, SocketSlots slots, IOptions<SystemOptions> options, IOptions<JsonOptions> json, TimeProvider time)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket expected",
                detail: "/ws is a WebSocket: connect to ws://…/ws offering the subprotocols \"bearer\" and <token from /api/auth/login> " +
                        "(or ws://…/ws?access_token=<token>). For one reading use GET /api/system/stats.");
        }

        using var slot = await slots.TryTakeAsync(http.Caller().Id);
        if (slot is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many live sockets",
                detail: $"You have {slots.Limit} /ws sockets open already ({LimitOptions.Section}:{nameof(LimitOptions.SocketsPerUser)}). " +
                        "Close one (another tab?) and connect again.");
        }

        // A browser that offered subprotocols fails the connection unless the server picks one of them.
        using var socket = await http.WebSockets.AcceptWebSocketAsync(
            http.WebSockets.WebSocketRequestedProtocols.Contains(BearerProtocol) ? BearerProtocol : null);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        using var expired = new CancellationTokenSource(UntilExpiry(http, time), time);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(closed.Token, expired.Token);
        var listening = WaitForCloseAsync(socket, closed);
        using var timer = new PeriodicTimer(options.Value.StatsInterval, time);
        try
        {
            do
            {
                var message = SystemStatsMessage.From(await reader.ReadAsync(sending.Token));
                var bytes = JsonSerializer.SerializeToUtf8Bytes(message, json.Value.SerializerOptions);
                // Not the expiry token: a send cancelled half-way would abort the socket before it can say why it ends.
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            }
            while (await timer.WaitForNextTickAsync(sending.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser left, the backend is stopping or the token expired: only the last is the browser's to know.
        }

        if (expired.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, ExpiredReason);
            closed.CancelAfter(CloseGrace);
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

    // The token's own "exp": the bearer check allows a few minutes of clock skew, a live socket needs none.
    private static TimeSpan UntilExpiry(HttpContext http, TimeProvider time)
    {
        var exp = http.User.FindFirst("exp")?.Value;
        if (!long.TryParse(exp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return Timeout.InfiniteTimeSpan;
        }

        var left = DateTimeOffset.FromUnixTimeSeconds(seconds) - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            await socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The browser is gone already.
        }
    }

    // Reads until the browser says goodbye (or answers the backend's goodbye); that ends the sending loop too.
    private static async Task WaitForCloseAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType != WebSocketMessageType.Close) continue;
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }

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
