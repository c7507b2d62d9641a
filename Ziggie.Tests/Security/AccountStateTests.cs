using System.Net;
using System.Net.Http.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>A valid signature is not enough: the token's account must still exist and be active.</summary>
public class AccountStateTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deactivated_users_token_is_refused_at_once()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var admin = ziggie.ClientFor("admin");
        Assert.Equal(HttpStatusCode.OK, (await ziggie.Client.GetAsync("/api/auth/me", Cancel)).StatusCode);
        var tester = (await ziggie.Users.FindByUsernameAsync("tester", Cancel))!;

        (await admin.PutAsJsonAsync($"/api/auth/users/{tester.Id}", new { is_active = false }, Cancel)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await ziggie.Client.GetAsync("/api/auth/me", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel)).StatusCode);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task A_deleted_users_token_is_refused_at_once()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var admin = ziggie.ClientFor("admin");
        Assert.Equal(HttpStatusCode.OK, (await ziggie.Client.GetAsync("/api/llm/models", Cancel)).StatusCode);
        var tester = (await ziggie.Users.FindByUsernameAsync("tester", Cancel))!;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/auth/users/{tester.Id}", Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ziggie.Client.GetAsync("/api/llm/models", Cancel)).StatusCode);
    }

    [Fact]
    public async Task While_mongodb_is_down_a_signed_token_is_trusted_so_generation_goes_on()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Mongo.IsAvailable = false;

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);

        response.EnsureSuccessStatusCode();
    }
}
