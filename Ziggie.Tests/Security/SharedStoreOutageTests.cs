using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>What the limits do when the Redis the replicas share dies under them (docs/security.md, "Backend replicas").</summary>
public class SharedStoreOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly object Stream = new { model = "llama3.2", prompt = "hi", stream = true };

    [Fact]
    public async Task With_redis_killed_the_limited_routes_refuse_with_503_saying_so_and_a_running_stream_ends_normally()
    {
        // A server of its own (this test kills it), with a password the status pages must not show.
        using var redis = await RedisServer.StartAsync(password: "redis-secret-for-tests");
        await using var ziggie = await TestBackend.StartAsync(("ConnectionStrings:cache", redis.NewDatabase()));
        var gate = ziggie.Ollama.HoldBeforeChunk(1);
        using var running = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Stream);
        await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);
        var before = await ziggie.Anonymous.GetStringAsync("/api/llm/status", Cancel);

        redis.Kill();
        var generate = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Stream, Cancel);
        var login = await ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password" }, Cancel);
        var health = await ziggie.Anonymous.GetFromJsonAsync<JsonElement>("/health", Cancel);
        var status = await ziggie.Anonymous.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);
        gate.Release();
        var lines = await (await running.ReaderAsync()).ReadAllLinesAsync();

        Assert.DoesNotContain("redis-secret-for-tests", before);
        var refused = await Problems.ReadAsync(generate, 503);
        Assert.Contains("Redis (ConnectionStrings:cache)", refused.Detail);
        Assert.Contains("GenerationsPerMinute", refused.Detail);
        Assert.NotNull(generate.Headers.RetryAfter);
        Assert.Contains("LoginsPerMinute", (await Problems.ReadAsync(login, 503)).Detail);
        Assert.Equal("degraded", health.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString());
        Assert.Equal("shared", status.GetProperty("state").GetProperty("mode").GetString());
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task A_backend_without_redis_says_its_state_is_local()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var status = await ziggie.Anonymous.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);
        var detailed = await ziggie.Admin.GetFromJsonAsync<JsonElement>("/health/detailed", Cancel);

        Assert.Equal("local", status.GetProperty("state").GetProperty("mode").GetString());
        Assert.False(status.GetProperty("state").TryGetProperty("store", out _));
        Assert.Equal("local", detailed.GetProperty("state").GetProperty("mode").GetString());
    }
}
