using System.Net;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

public class MeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Me_answers_from_the_stored_account_while_mongodb_is_up()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var me = await ReadAsync(await ziggie.Client.GetAsync("/api/auth/me", Cancel));

        Assert.Equal("tester", me.GetProperty("username").GetString());
        Assert.Equal("database", me.GetProperty("source").GetString());
        Assert.True(me.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task Me_answers_from_the_tokens_claims_while_mongodb_is_down_and_says_so()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var tester = (await ziggie.Users.FindByUsernameAsync("tester", Cancel))!;
        ziggie.Mongo.IsAvailable = false;

        var me = await ReadAsync(await ziggie.Client.GetAsync("/api/auth/me", Cancel));

        Assert.Equal(tester.Id.ToString(), me.GetProperty("id").GetString());
        Assert.Equal("tester", me.GetProperty("username").GetString());
        Assert.Equal("user", me.GetProperty("role").GetString());
        Assert.True(me.GetProperty("is_active").GetBoolean());
        Assert.Equal("token", me.GetProperty("source").GetString());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
