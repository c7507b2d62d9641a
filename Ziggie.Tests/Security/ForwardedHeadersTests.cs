using System.Net.Http.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>
/// X-Forwarded-For from the trusted proxy only (Ziggie:ForwardedHeaders:KnownProxies). Published with
/// ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, twelve logins from one address with rotating X-Forwarded-For got no 429.
/// </summary>
public class ForwardedHeadersTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "admin", password = "wrong-password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task A_login_burst_straight_at_the_backend_with_rotating_forwarded_for_is_limited_by_its_own_address()
    {
        // As published: the framework's switch is on too, and must not make everyone trusted.
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:RateLimits:LoginsPerMinute", "3"), ("ForwardedHeaders_Enabled", "true"));

        var statuses = new List<int>();
        for (var i = 1; i <= 12; i++)
        {
            statuses.Add((int)(await LoginAsync(ziggie.Anonymous, $"203.0.113.{i}")).StatusCode);
        }

        Assert.Equal([401, 401, 401, 429, 429, 429, 429, 429, 429, 429, 429, 429], statuses);
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_each_client_address_gets_its_own_login_limit()
    {
        // The test client connects from 127.0.0.1: here that is the front end's proxy.
        await using var ziggie = await TestBackend.StartAsync(
            ("Ziggie:RateLimits:LoginsPerMinute", "2"), ("Ziggie:ForwardedHeaders:KnownProxies:0", "127.0.0.1"));

        await LoginAsync(ziggie.Anonymous, "198.51.100.7");
        await LoginAsync(ziggie.Anonymous, "198.51.100.7");
        var third = await LoginAsync(ziggie.Anonymous, "198.51.100.7");
        var otherClient = await LoginAsync(ziggie.Anonymous, "198.51.100.8");

        await Problems.ReadAsync(third, 429);
        await Problems.ReadAsync(otherClient, 401);
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_the_backend_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var ziggie = await TestBackend.StartAsync(("Ziggie:ForwardedHeaders:KnownProxies:0", "frontend"));
        });

        Assert.Contains("Ziggie:ForwardedHeaders:KnownProxies", error.ToString());
    }
}
