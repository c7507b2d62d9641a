using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.IdentityModel.Tokens;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

/// <summary>Every 401 says what to do next in its ProblemDetails <c>detail</c>, and keeps the bearer challenge.</summary>
public class RefusalDetailTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, string> Refusals => new()
    {
        { "no token", null, "POST /api/auth/login" },
        { "expired", TestTokens.Create(TestBackend.SigningKey, DateTime.UtcNow.AddMinutes(-5)), "expired" },
        { "another key", TestTokens.Create("someone-elses-signing-key-that-is-also-long-enough", DateTime.UtcNow.AddHours(1)), "signing key" },
        { "unsigned", TestTokens.Create(TestBackend.SigningKey, DateTime.UtcNow.AddHours(1), algorithm: null), "Sign in again" },
        { "garbage", "not.a.token", "well-formed" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_request_gets_a_401_whose_detail_says_what_to_do(string kind, string? token, string advice)
    {
        await using var ziggie = await TestBackend.StartAsync();
        var client = token is null ? ziggie.Anonymous : ziggie.ClientWithToken(token);

        var response = await client.GetAsync("/api/llm/models", Cancel);

        var problem = await Problems.ReadAsync(response, 401);
        Assert.Contains(advice, problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Authorization: Bearer", problem.Detail);
        Assert.True(response.Headers.WwwAuthenticate.Single().Scheme == "Bearer", kind);
    }

    [Fact]
    public async Task A_role_refusal_gets_a_403_whose_detail_names_the_role_needed_the_role_held_and_who_can_change_it()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var reader = ziggie.ClientFor("readonly");

        var generate = await Problems.ReadAsync(await reader.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel), 403);
        var users = await Problems.ReadAsync(await ziggie.Client.GetAsync("/api/auth/users", Cancel), 403);

        Assert.Contains("user or admin role", generate.Detail);
        Assert.Contains("'readonly'", generate.Detail);
        Assert.Contains("PUT /api/auth/users/{id}", generate.Detail);
        Assert.Contains("the admin role", users.Detail);
        Assert.Contains("'user'", users.Detail);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task A_basic_header_or_a_query_token_is_told_to_use_a_bearer_header()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var basic = new HttpRequestMessage(HttpMethod.Get, "/api/llm/models");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");

        var withBasic = await Problems.ReadAsync(await ziggie.Anonymous.SendAsync(basic, Cancel), 401);
        var withQuery = await Problems.ReadAsync(await ziggie.Anonymous.GetAsync("/api/llm/models?access_token=abc", Cancel), 401);

        Assert.Contains("does not carry a bearer token", withBasic.Detail);
        Assert.Contains("/ws only", withQuery.Detail);
    }

    [Fact]
    public async Task A_deactivated_accounts_token_is_told_why_it_is_refused()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var tester = (await ziggie.Users.FindByUsernameAsync("tester", Cancel))!;
        (await ziggie.Admin.PutAsJsonAsync($"/api/auth/users/{tester.Id}", new { is_active = false }, Cancel)).EnsureSuccessStatusCode();

        var problem = await Problems.ReadAsync(await ziggie.Client.GetAsync("/api/llm/models", Cancel), 401);

        Assert.Contains("deactivated", problem.Detail);
        Assert.Contains("admin", problem.Detail);
    }
}
