using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

public class SignInTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> LoginAsync(TestBackend ziggie, string username, string password) =>
        ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", new { username, password }, Cancel);

    [Fact]
    public async Task The_first_admin_signs_in_with_the_password_from_the_AppHost_parameter()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await LoginAsync(ziggie, "admin", TestBackend.AdminPassword);

        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("bearer", token.GetProperty("token_type").GetString());
        Assert.True(token.GetProperty("expires_in").GetInt32() > 0);
        var me = await ziggie.ClientWithToken(token.GetProperty("access_token").GetString()!)
            .GetFromJsonAsync<JsonElement>("/api/auth/me", Cancel);
        Assert.Equal("admin", me.GetProperty("username").GetString());
        Assert.Equal("admin", me.GetProperty("role").GetString());
        Assert.True(me.TryGetProperty("last_login", out _));
        Assert.False(me.TryGetProperty("password_hash", out _));
    }

    [Theory]
    [InlineData("admin", "admin123")]
    [InlineData("nobody", "whatever-password")]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401(string username, string password)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await LoginAsync(ziggie, username, password);

        var problem = await Problems.ReadAsync(response, 401);
        Assert.Equal("Incorrect username or password", problem.Title);
    }

    [Fact]
    public async Task A_deactivated_account_gets_403()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var admin = ziggie.ClientFor("admin");
        var created = await (await admin.PostAsJsonAsync("/api/auth/users",
            new { username = "carol", password = "carols-long-password", role = "user" }, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        (await admin.PutAsJsonAsync($"/api/auth/users/{created.GetProperty("id").GetString()}", new { is_active = false }, Cancel)).EnsureSuccessStatusCode();

        var response = await LoginAsync(ziggie, "carol", "carols-long-password");

        await Problems.ReadAsync(response, 403);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_client_address_with_retry_after()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:RateLimits:LoginsPerMinute", "2"));

        await LoginAsync(ziggie, "admin", "wrong-1");
        await LoginAsync(ziggie, "admin", "wrong-2");
        var third = await LoginAsync(ziggie, "admin", TestBackend.AdminPassword);

        await Problems.ReadAsync(third, 429);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, third.Headers.ToString());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_the_new_one_then_works()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var token = (await (await LoginAsync(ziggie, "admin", TestBackend.AdminPassword)).Content.ReadFromJsonAsync<JsonElement>(Cancel))
            .GetProperty("access_token").GetString()!;
        var admin = ziggie.ClientWithToken(token);

        var wrong = await admin.PostAsJsonAsync("/api/auth/change-password", new { current_password = "nope", new_password = "a-brand-new-password" }, Cancel);
        var right = await admin.PostAsJsonAsync("/api/auth/change-password", new { current_password = TestBackend.AdminPassword, new_password = "a-brand-new-password" }, Cancel);

        await Problems.ReadAsync(wrong, 400);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(ziggie, "admin", TestBackend.AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(ziggie, "admin", "a-brand-new-password")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_answers_503_saying_what_to_check_while_mongodb_is_down()
    {
        await using var ziggie = await TestBackend.StartWithMongoDownAsync();

        var response = await LoginAsync(ziggie, "admin", TestBackend.AdminPassword);

        var problem = await Problems.ReadAsync(response, 503);
        Assert.Contains("mongodb", problem.Detail);
    }
}
