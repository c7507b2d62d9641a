using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.SystemInfo;

public class StatsSocketTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_socket_sends_system_stats_at_once_and_then_every_interval()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:System:StatsInterval", "00:00:00.200"));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(SocketUri(ziggie, Token(ziggie)), Cancel).WaitAsync(Timeout, Cancel);
        var first = await ReceiveAsync(socket);
        var second = await ReceiveAsync(socket);

        Assert.Equal("system_stats", first.GetProperty("type").GetString());
        Assert.InRange(first.GetProperty("cpu").GetProperty("usage").GetDouble(), 0, 100);
        Assert.True(first.GetProperty("memory").GetProperty("total").GetInt64() > 0);
        Assert.True(first.GetProperty("disk").GetProperty("total").GetInt64() > 0);
        Assert.True(second.GetProperty("timestamp").GetDateTimeOffset() > first.GetProperty("timestamp").GetDateTimeOffset());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Cancel).WaitAsync(Timeout, Cancel);
    }

    [Fact]
    public async Task A_browser_may_offer_its_token_as_a_subprotocol_so_the_url_carries_none()
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("bearer");
        socket.Options.AddSubProtocol(Token(ziggie));

        await socket.ConnectAsync(SocketUri(ziggie, token: null), Cancel).WaitAsync(Timeout, Cancel);

        Assert.Equal("bearer", socket.SubProtocol);
        Assert.Equal("system_stats", (await ReceiveAsync(socket)).GetProperty("type").GetString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Cancel).WaitAsync(Timeout, Cancel);
    }

    [Fact]
    public async Task A_bad_token_offered_as_a_subprotocol_is_refused()
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("bearer");
        socket.Options.AddSubProtocol("not-a-token");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri(ziggie, token: null), Cancel).WaitAsync(Timeout, Cancel));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task The_socket_refuses_a_browser_without_a_valid_token(string? token)
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri(ziggie, token), Cancel).WaitAsync(Timeout, Cancel));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_plain_request_to_the_socket_says_how_to_connect()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var problem = await Problems.ReadAsync(await ziggie.Client.GetAsync("/ws", Cancel), 400);

        Assert.Contains("access_token", problem.Detail);
    }

    private static string Token(TestBackend ziggie) => ziggie.Client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static Uri SocketUri(TestBackend ziggie, string? token)
    {
        var http = ziggie.Client.BaseAddress!;
        return new Uri($"ws://{http.Authority}/ws" + (token is null ? "" : $"?access_token={Uri.EscapeDataString(token)}"));
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, Cancel).WaitAsync(Timeout, Cancel);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
