using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

/// <summary>Keys through the real API on real Kestrel: created, used, listed, refused, revoked.</summary>
public class ApiKeyTests(SharedBackend shared) : IClassFixture<SharedBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private TestBackend Ziggie => shared.Ziggie;

    [Fact]
    public async Task A_created_key_is_shown_once_and_stored_only_as_its_hash()
    {
        var (signed, user) = await Ziggie.NewUserAsync();

        var created = await signed.CreateKeyAsync("open-webui");
        var listed = await signed.GetFromJsonAsync<JsonElement>("/api/auth/keys", Cancel);

        var secret = created.GetProperty("key").GetString()!;
        Assert.StartsWith("zk_", secret);
        Assert.True(secret.Length >= 3 + 43, secret);
        Assert.Equal(secret[..11], created.GetProperty("prefix").GetString());
        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal("open-webui", item.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), item.GetProperty("id").GetString());
        Assert.False(item.TryGetProperty("key", out _));
        Assert.DoesNotContain(secret, item.GetRawText());
        var stored = Ziggie.Keys.Get(MongoDB.Bson.ObjectId.Parse(item.GetProperty("id").GetString()))!;
        Assert.Equal(user.Id, stored.UserId);
        Assert.Equal(ApiKeySecret.Hash(secret), stored.Hash);
        Assert.NotEqual(secret, stored.Hash);
    }

    [Fact]
    public async Task A_key_generates_as_its_user_and_the_usage_log_names_the_key()
    {
        var (signed, user) = await Ziggie.NewUserAsync();
        var key = Ziggie.KeyClient(await signed.CreateKeyAsync("ci-bot"));

        (await key.GenerateAsync()).EnsureSuccessStatusCode();
        (await signed.GenerateAsync()).EnsureSuccessStatusCode();
        var perKey = await key.GetFromJsonAsync<JsonElement>("/api/usage/keys", Cancel);

        var entry = Ziggie.Generations.Entries.Single(e => e.UserId == user.Id && e.ApiKeyName is not null);
        Assert.Equal("ci-bot", entry.ApiKeyName);
        Assert.Equal(user.Username, entry.Username);
        Assert.Equal(2, perKey.GetArrayLength());
        var viaKey = perKey.EnumerateArray().Single(u => u.TryGetProperty("key_name", out _));
        Assert.Equal("ci-bot", viaKey.GetProperty("key_name").GetString());
        Assert.Equal(1, viaKey.GetProperty("requests").GetInt64());
        Assert.True(viaKey.GetProperty("completion_tokens").GetInt64() > 0);
    }

    [Theory]
    [InlineData("GET", "/api/auth/me")]
    [InlineData("GET", "/api/auth/keys")]
    [InlineData("POST", "/api/auth/keys")]
    [InlineData("GET", "/api/auth/users")]
    [InlineData("GET", "/api/conversations")]
    public async Task A_key_is_refused_outside_the_llm_routes_with_a_403_that_says_why(string method, string path)
    {
        var (signed, _) = await Ziggie.NewUserAsync(Roles.Admin);
        var key = Ziggie.KeyClient(await signed.CreateKeyAsync());

        var response = await key.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "another" }) }, Cancel);

        var problem = await Problems.ReadAsync(response, 403);
        Assert.Contains("API key may only call the LLM routes", problem.Detail);
        Assert.Contains("POST /api/auth/login", problem.Detail);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_at_once_with_a_detail_that_says_what_to_do()
    {
        var (signed, _) = await Ziggie.NewUserAsync();
        var created = await signed.CreateKeyAsync();
        var key = Ziggie.KeyClient(created);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/usage/quota", Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await signed.DeleteAsync($"/api/auth/keys/{created.GetProperty("id").GetString()}", Cancel)).StatusCode);
        var refused = await key.GetAsync("/api/usage/quota", Cancel);

        var problem = await Problems.ReadAsync(refused, 401);
        Assert.Contains("revoked", problem.Detail);
        Assert.Contains("/api/auth/keys", problem.Detail);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(await signed.GetFromJsonAsync<JsonElement[]>("/api/auth/keys", Cancel) ?? []);
    }

    [Fact]
    public async Task An_unknown_key_gets_401_saying_so()
    {
        var problem = await Problems.ReadAsync(await Ziggie.ClientWithToken(ApiKeySecret.Generate().Secret).GetAsync("/api/llm/models", Cancel), 401);

        Assert.Contains("not known", problem.Detail);
    }

    [Fact]
    public async Task An_expired_key_gets_401_saying_when_it_expired()
    {
        var (_, user) = await Ziggie.NewUserAsync();
        var (secret, prefix, hash) = ApiKeySecret.Generate();
        var expired = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await Ziggie.Keys.CreateAsync(new ApiKeyDocument { UserId = user.Id, Name = "old", Prefix = prefix, Hash = hash, ExpiresAt = expired }, Cancel);

        var problem = await Problems.ReadAsync(await Ziggie.ClientWithToken(secret).GetAsync("/api/llm/models", Cancel), 401);

        Assert.Contains("expired at 2026-01-01 00:00:00Z", problem.Detail);
    }

    [Fact]
    public async Task A_key_cannot_be_created_already_expired()
    {
        var (signed, user) = await Ziggie.NewUserAsync();

        var response = await signed.PostAsJsonAsync("/api/auth/keys", new { name = "x", expires_at = "2020-01-01T00:00:00Z" }, Cancel);

        Assert.Contains("expires_at", (await Problems.ReadAsync(response, 400)).Detail);
        Assert.Empty(await Ziggie.Keys.ListByUserAsync(user.Id, Cancel));
    }

    [Fact]
    public async Task A_key_with_a_future_expiry_works_and_lists_its_expiry()
    {
        var (signed, _) = await Ziggie.NewUserAsync();
        var created = await signed.CreateKeyAsync("month", "2099-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, (await Ziggie.KeyClient(created).GetAsync("/api/usage/quota", Cancel)).StatusCode);
        Assert.StartsWith("2099-01-01T00:00:00", created.GetProperty("expires_at").GetString());
    }

    [Fact]
    public async Task A_deactivated_users_key_stops_at_once()
    {
        var (signed, user) = await Ziggie.NewUserAsync();
        var key = Ziggie.KeyClient(await signed.CreateKeyAsync());
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/usage/quota", Cancel)).StatusCode);

        (await Ziggie.Admin.PutAsJsonAsync($"/api/auth/users/{user.Id}", new { is_active = false }, Cancel)).EnsureSuccessStatusCode();

        Assert.Contains("deactivated", (await Problems.ReadAsync(await key.GenerateAsync(), 401)).Detail);
        Assert.DoesNotContain(Ziggie.Generations.Entries, e => e.UserId == user.Id);
    }

    [Fact]
    public async Task A_key_takes_its_users_new_role_at_once()
    {
        var (signed, user) = await Ziggie.NewUserAsync();
        var key = Ziggie.KeyClient(await signed.CreateKeyAsync());
        (await key.GenerateAsync()).EnsureSuccessStatusCode();

        (await Ziggie.Admin.PutAsJsonAsync($"/api/auth/users/{user.Id}", new { role = Roles.Readonly }, Cancel)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await key.GenerateAsync()).StatusCode);
    }

    [Fact]
    public async Task A_readonly_users_key_reads_models_but_never_generates()
    {
        var (signed, _) = await Ziggie.NewUserAsync(Roles.Readonly);
        var key = Ziggie.KeyClient(await signed.CreateKeyAsync());

        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/llm/models", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GenerateAsync()).StatusCode);
    }

    [Fact]
    public async Task An_admin_lists_and_revokes_any_users_keys_and_nobody_else_can()
    {
        var (owner, user) = await Ziggie.NewUserAsync();
        var (stranger, _) = await Ziggie.NewUserAsync();
        var created = await owner.CreateKeyAsync("laptop");
        var id = created.GetProperty("id").GetString();

        var listed = await Ziggie.Admin.GetFromJsonAsync<JsonElement>($"/api/auth/users/{user.Id}/keys", Cancel);
        var strangerRevoke = await stranger.DeleteAsync($"/api/auth/keys/{id}", Cancel);
        var strangerList = await stranger.GetAsync($"/api/auth/users/{user.Id}/keys", Cancel);
        var adminRevoke = await Ziggie.Admin.DeleteAsync($"/api/auth/keys/{id}", Cancel);

        Assert.Equal("laptop", Assert.Single(listed.EnumerateArray()).GetProperty("name").GetString());
        await Problems.ReadAsync(strangerRevoke, 404);
        Assert.Equal(HttpStatusCode.Forbidden, strangerList.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, adminRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Ziggie.KeyClient(created).GetAsync("/api/llm/models", Cancel)).StatusCode);
    }

    [Fact]
    public async Task After_the_first_use_a_key_costs_no_mongodb_read_and_last_used_is_written_once()
    {
        var (signed, user) = await Ziggie.NewUserAsync();
        var key = Ziggie.KeyClient(await signed.CreateKeyAsync());
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/usage/quota", Cancel)).StatusCode);
        var (reads, userReads, writes) = (Ziggie.Keys.Reads, Ziggie.Users.ReadsOf(user.Id), Ziggie.Keys.LastUsedWrites);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/usage/quota", Cancel)).StatusCode);
        }

        Assert.Equal(reads, Ziggie.Keys.Reads);
        Assert.Equal(userReads, Ziggie.Users.ReadsOf(user.Id));
        Assert.Equal(writes, Ziggie.Keys.LastUsedWrites);
        Assert.NotNull(Assert.Single(await Ziggie.Keys.ListByUserAsync(user.Id, Cancel)).LastUsed);
    }
}
