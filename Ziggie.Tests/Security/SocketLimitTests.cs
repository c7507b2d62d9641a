using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>A live stats socket lasts no longer than its token, and one user cannot open them without end.</summary>
public class SocketLimitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_socket_closes_with_1008_when_its_token_expires()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:System:StatsInterval", "00:00:00.200"));
        var user = new UserDocument { Username = "shortlived", Role = Roles.User, PasswordHash = "unused" };
        ziggie.Users.Add(user);
        // Still accepted by the bearer check (it allows clock skew), but its "exp" is two seconds away.
        var token = Token(user, DateTime.UtcNow.AddSeconds(2));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(SocketUri(ziggie, token), Cancel).WaitAsync(Timeout, Cancel);
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        // Stats keep coming until the close; 15 s in all, however many there are.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        bound.CancelAfter(Timeout);
        do
        {
            result = await socket.ReceiveAsync(buffer, bound.Token);
        }
        while (result.MessageType != WebSocketMessageType.Close);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, result.CloseStatus);
        Assert.Contains("expired", result.CloseStatusDescription);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", Cancel).WaitAsync(Timeout, Cancel);
    }

    [Fact]
    public async Task A_user_over_the_socket_limit_is_refused_with_429_naming_the_setting_until_one_closes()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Limits:SocketsPerUser", "2"));
        var token = ziggie.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        using var first = new ClientWebSocket();
        using var second = new ClientWebSocket();
        await first.ConnectAsync(SocketUri(ziggie, token), Cancel).WaitAsync(Timeout, Cancel);
        await second.ConnectAsync(SocketUri(ziggie, token), Cancel).WaitAsync(Timeout, Cancel);

        using var third = new ClientWebSocket();
        third.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => third.ConnectAsync(SocketUri(ziggie, token), Cancel).WaitAsync(Timeout, Cancel));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.HttpStatusCode);
        var problem = await Problems.ReadAsync(await ziggie.Client.SendAsync(Upgrade(ziggie), Cancel), 429);
        Assert.Contains("Ziggie:Limits:SocketsPerUser", problem.Detail);

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Cancel).WaitAsync(Timeout, Cancel);
        using var again = await ConnectOnceTheSlotIsBackAsync(SocketUri(ziggie, token));
        Assert.Equal(WebSocketState.Open, again.State);
    }

    // The server gives the slot back just after it answers the close; a few bounded tries cover that gap.
    private static async Task<ClientWebSocket> ConnectOnceTheSlotIsBackAsync(Uri uri)
    {
        for (var attempt = 1; ; attempt++)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, Cancel).WaitAsync(Timeout, Cancel);
                return socket;
            }
            catch (WebSocketException) when (attempt < 50)
            {
                socket.Dispose();
            }
        }
    }

    // The upgrade request as a plain HTTP request, to read the refusal's body.
    private static HttpRequestMessage Upgrade(TestBackend ziggie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/ws");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        return request;
    }

    private static string Token(UserDocument user, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "ziggie",
        Audience = "ziggie",
        IssuedAt = expires.AddMinutes(-1),
        NotBefore = expires.AddMinutes(-1),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestBackend.SigningKey)), SecurityAlgorithms.HmacSha256),
        Subject = new ClaimsIdentity([new Claim("sub", user.Id.ToString()), new Claim("unique_name", user.Username), new Claim("role", user.Role)]),
    });

    private static Uri SocketUri(TestBackend ziggie, string token) =>
        new($"ws://{ziggie.Client.BaseAddress!.Authority}/ws?access_token={Uri.EscapeDataString(token)}");
}
