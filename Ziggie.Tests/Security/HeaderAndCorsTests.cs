using System.Net;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

public class HeaderAndCorsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/llm/status")]
    [InlineData("/health")]
    [InlineData("/no/such/route")]
    public async Task Responses_forbid_sniffing_framing_and_referrers(string path)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Anonymous.GetAsync(path, Cancel);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Sign_in_answers_are_never_cached()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Anonymous.PostAsync("/api/auth/login", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("http://localhost:3001", true)]
    [InlineData("http://evil.example", false)]
    public async Task Only_the_front_ends_origin_may_call_from_a_browser(string origin, bool allowed)
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Cors:AllowedOrigins:0", "http://localhost:3001"));
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/llm/generate");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await ziggie.Anonymous.SendAsync(preflight, Cancel);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }

    [Fact]
    public async Task Without_a_configured_origin_no_browser_origin_is_allowed()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/llm/status");
        request.Headers.Add("Origin", "http://localhost:3001");

        var response = await ziggie.Anonymous.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
