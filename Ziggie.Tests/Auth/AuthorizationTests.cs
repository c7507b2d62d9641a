using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

public class AuthorizationTests(SharedBackend shared) : IClassFixture<SharedBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly object Prompt = new { model = "llama3.2", prompt = "hi" };

    [Theory]
    [InlineData("GET", "/api/llm/models")]
    [InlineData("POST", "/api/llm/generate")]
    [InlineData("POST", "/api/llm/chat")]
    [InlineData("GET", "/api/auth/me")]
    [InlineData("GET", "/api/conversations")]
    [InlineData("GET", "/api/usage/llm")]
    [InlineData("GET", "/api/system/stats")]
    [InlineData("GET", "/api/system/info")]
    [InlineData("GET", "/api/services")]
    public async Task Routes_that_need_sign_in_answer_401_with_a_bearer_challenge(string method, string path)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("/api/llm/status")]
    [InlineData("/api/llm")]
    [InlineData("/health")]
    public async Task Status_and_health_stay_public(string path)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Anonymous.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readonly_users_read_but_never_generate_or_change_anything()
    {
        var ziggie = shared.Ziggie;
        var reader = ziggie.ClientFor("readonly");

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/llm/models", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/conversations", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/conversations", new { title = "x" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync("/api/auth/me", new { full_name = "x" }, Cancel)).StatusCode);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task Pulling_and_deleting_models_is_for_admins_only()
    {
        var ziggie = shared.Ziggie;

        Assert.Equal(HttpStatusCode.Forbidden, (await ziggie.Client.PostAsJsonAsync("/api/llm/models/pull", new { model = "qwen2.5:0.5b" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ziggie.Client.DeleteAsync("/api/llm/models/llama3.2", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ziggie.Client.GetAsync("/api/llm/models/llama3.2", Cancel)).StatusCode);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path is "/api/pull" or "/api/delete");
        Assert.True(ziggie.Ollama.HasModel("llama3.2"));
    }

    [Fact]
    public async Task User_management_is_for_admins_only()
    {
        var ziggie = shared.Ziggie;

        Assert.Equal(HttpStatusCode.Forbidden, (await ziggie.Client.GetAsync("/api/auth/users", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ziggie.Client.GetAsync("/api/auth/stats", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ziggie.ClientFor("admin").GetAsync("/api/auth/users", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_users_and_a_taken_name_answers_409_whatever_its_case()
    {
        var ziggie = shared.Ziggie;
        var admin = ziggie.ClientFor("admin");

        var first = await admin.PostAsJsonAsync("/api/auth/users", new { username = "Dave", password = "daves-long-password", role = "user" }, Cancel);
        var second = await admin.PostAsJsonAsync("/api/auth/users", new { username = "dave", password = "another-long-password", role = "admin" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("dave", (await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("username").GetString());
        await Problems.ReadAsync(second, 409);
        Assert.Equal("user", (await ziggie.Users.FindByUsernameAsync("dave", Cancel))!.Role);
        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/auth/stats", Cancel);
        Assert.True(stats.GetProperty("total").GetInt64() >= 2);
    }

    [Fact]
    public async Task A_user_cannot_raise_their_own_role()
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Client.PutAsJsonAsync("/api/auth/me", new { full_name = "Tess", role = "admin" }, Cancel);

        response.EnsureSuccessStatusCode();
        var me = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/auth/me", Cancel);
        Assert.Equal("user", me.GetProperty("role").GetString());
        Assert.Equal("Tess", me.GetProperty("full_name").GetString());
    }

    [Fact]
    public async Task An_admin_cannot_delete_or_demote_themselves()
    {
        var ziggie = shared.Ziggie;
        var admin = ziggie.ClientFor("admin", "root2");
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me", Cancel)).GetProperty("id").GetString();

        await Problems.ReadAsync(await admin.DeleteAsync($"/api/auth/users/{id}", Cancel), 400);
        await Problems.ReadAsync(await admin.PutAsJsonAsync($"/api/auth/users/{id}", new { role = "user" }, Cancel), 400);
        Assert.Equal("admin", (await ziggie.Users.FindByUsernameAsync("root2", Cancel))!.Role);
    }

    [Fact]
    public async Task Generation_is_rate_limited_per_user_with_retry_after()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:RateLimits:GenerationsPerMinute", "1"));
        var other = ziggie.ClientFor("user");

        var first = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel);
        var second = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel);
        var someoneElse = await other.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel);

        first.EnsureSuccessStatusCode();
        await Problems.ReadAsync(second, 429);
        Assert.NotNull(second.Headers.RetryAfter);
        someoneElse.EnsureSuccessStatusCode();
        Assert.Equal(2, ziggie.Ollama.Requests.Count(r => r.Path == "/api/generate"));
    }
}
