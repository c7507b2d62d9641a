using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Quotas;
using Ziggie.Tests.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Usage;

/// <summary>
/// One backend for the class whose fake Ollama answers 600 completion tokens a call (so a 1,000-token quota is used
/// up in two), and whose admins have a role default of one request a day.
/// </summary>
public sealed class QuotaBackend : IAsyncLifetime
{
    public const int TokensPerCall = 600;

    public TestBackend Ziggie { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Ziggie = await TestBackend.StartAsync(($"{QuotaOptions.Section}:Roles:admin:RequestsPerDay", "1"));
        Ziggie.Ollama.TokenCount = TokensPerCall;
    }

    public async ValueTask DisposeAsync() => await Ziggie.DisposeAsync();
}

public class QuotaTests(QuotaBackend shared) : IClassFixture<QuotaBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private TestBackend Ziggie => shared.Ziggie;

    private async Task SetQuotaAsync(UserDocument user, object quota) =>
        (await Ziggie.Admin.PutAsJsonAsync($"/api/auth/users/{user.Id}/quota", quota, Cancel)).EnsureSuccessStatusCode();

    [Fact]
    public async Task A_user_with_a_1000_token_quota_gets_429_with_retry_after_and_the_detail_after_using_it()
    {
        var (client, user) = await Ziggie.NewUserAsync();
        await SetQuotaAsync(user, new { tokens_per_day = 1000 });

        (await client.GenerateAsync()).EnsureSuccessStatusCode();
        (await client.ChatAsync()).EnsureSuccessStatusCode();
        var generate = await client.GenerateAsync();
        var chat = await client.ChatAsync();

        var problem = await Problems.ReadAsync(generate, 429);
        await Problems.ReadAsync(chat, 429);
        var used = Ziggie.Quotas.Get(user.Id, QuotaLedger.DayOf(DateTime.UtcNow)).Tokens;
        Assert.True(used >= 2 * QuotaBackend.TokensPerCall, $"used {used}");
        Assert.Contains($"{used:N0} of your 1,000 tokens", problem.Detail);
        var midnight = DateTime.UtcNow.Date.AddDays(1);
        Assert.Contains($"resets at {midnight:yyyy-MM-dd} 00:00:00Z", problem.Detail);
        var retryAfter = generate.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), midnight - DateTime.UtcNow + TimeSpan.FromSeconds(5));
        Assert.Equal(2, Ziggie.Generations.Entries.Count(e => e.UserId == user.Id));
    }

    [Fact]
    public async Task A_stream_that_crosses_the_limit_finishes_and_the_next_call_is_refused()
    {
        var (client, user) = await Ziggie.NewUserAsync();
        await SetQuotaAsync(user, new { tokens_per_day = 100 });

        using var response = await client.PostStreamingAsync("/api/llm/chat", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, stream = true });
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));
        var lines = await reader.ReadAllLinesAsync();

        Assert.True(lines.Count >= QuotaBackend.TokensPerCall, $"{lines.Count} lines");
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        await Problems.ReadAsync(await client.GenerateAsync(stream: true), 429);
    }

    [Fact]
    public async Task The_role_default_applies_until_an_admin_gives_the_user_their_own_quota()
    {
        var (admin, user) = await Ziggie.NewUserAsync(Roles.Admin);
        (await admin.GenerateAsync()).EnsureSuccessStatusCode();
        var refused = await Problems.ReadAsync(await admin.GenerateAsync(), 429);

        await SetQuotaAsync(user, new { tokens_per_day = 1_000_000 });
        var overridden = await admin.GenerateAsync();
        (await Ziggie.Admin.DeleteAsync($"/api/auth/users/{user.Id}/quota", Cancel)).EnsureSuccessStatusCode();
        var backToRole = await admin.GenerateAsync();

        Assert.Contains("1 of your 1 requests", refused.Detail);
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        await Problems.ReadAsync(backToRole, 429);
    }

    [Fact]
    public async Task Usage_quota_says_used_limit_and_reset_and_null_for_unlimited()
    {
        var (client, user) = await Ziggie.NewUserAsync();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/usage/quota", Cancel);
        (await client.GenerateAsync()).EnsureSuccessStatusCode();
        await SetQuotaAsync(user, new { requests_per_day = 10 });
        var after = await client.GetFromJsonAsync<JsonElement>("/api/usage/quota", Cancel);

        Assert.Equal("day", before.GetProperty("period").GetString());
        Assert.Equal(0, before.GetProperty("tokens").GetProperty("used").GetInt64());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("tokens").GetProperty("limit").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("requests").GetProperty("limit").ValueKind);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(1), before.GetProperty("resets_at").GetDateTime().ToUniversalTime());
        Assert.True(after.GetProperty("tokens").GetProperty("used").GetInt64() >= QuotaBackend.TokensPerCall);
        Assert.Equal(1, after.GetProperty("requests").GetProperty("used").GetInt64());
        Assert.Equal(10, after.GetProperty("requests").GetProperty("limit").GetInt64());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("tokens").GetProperty("limit").ValueKind);
    }

    [Fact]
    public async Task An_admin_sets_and_clears_a_users_quota_through_the_users_api()
    {
        var (_, user) = await Ziggie.NewUserAsync();

        var set = await Ziggie.Admin.PutAsJsonAsync($"/api/auth/users/{user.Id}/quota", new { tokens_per_day = 5000, requests_per_day = 20 }, Cancel);
        var shown = await Ziggie.Admin.GetFromJsonAsync<JsonElement>($"/api/auth/users/{user.Id}", Cancel);
        var standing = await Ziggie.Admin.GetFromJsonAsync<JsonElement>($"/api/auth/users/{user.Id}/quota", Cancel);
        var bad = await Ziggie.Admin.PutAsJsonAsync($"/api/auth/users/{user.Id}/quota", new { tokens_per_day = 0 }, Cancel);
        var cleared = await Ziggie.Admin.DeleteAsync($"/api/auth/users/{user.Id}/quota", Cancel);

        set.EnsureSuccessStatusCode();
        Assert.Equal(5000, shown.GetProperty("quota").GetProperty("tokens_per_day").GetInt64());
        Assert.Equal(20, standing.GetProperty("requests").GetProperty("limit").GetInt64());
        Assert.NotEmpty((await Problems.ReadValidationAsync(bad)).Errors);
        cleared.EnsureSuccessStatusCode();
        Assert.Null((await Ziggie.Users.FindByIdAsync(user.Id, Cancel))!.Quota);
        var (client, _) = await Ziggie.NewUserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/auth/users/{user.Id}/quota", new { tokens_per_day = 1 }, Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_key_sees_its_users_quota_and_is_held_to_it()
    {
        var (signed, user) = await Ziggie.NewUserAsync();
        var key = Ziggie.KeyClient(await signed.CreateKeyAsync());
        await SetQuotaAsync(user, new { requests_per_day = 1 });

        (await key.GenerateAsync()).EnsureSuccessStatusCode();
        var quota = await key.GetFromJsonAsync<JsonElement>("/api/usage/quota", Cancel);

        Assert.Equal(1, quota.GetProperty("requests").GetProperty("used").GetInt64());
        await Problems.ReadAsync(await signed.GenerateAsync(), 429);
    }
}
