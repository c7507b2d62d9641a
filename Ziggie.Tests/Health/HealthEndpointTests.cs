using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Health;

/// <summary>MongoDB is unreachable in these tests (nothing listens on its port), as when the database is down.</summary>
public class HealthEndpointTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_degraded_but_200_when_a_dependency_is_down_and_says_which()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.True(health.TryGetProperty("timestamp", out _));
        Assert.True(health.TryGetProperty("version", out _));
        var checks = health.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("ollama").GetProperty("status").GetString());
        Assert.Equal("degraded", checks.GetProperty("mongodb").GetProperty("status").GetString());
        var mongo = checks.GetProperty("mongodb").GetProperty("description").GetString();
        Assert.Contains("127.0.0.1:1", mongo);
        Assert.Contains("no server answered within", mongo);
    }

    [Fact]
    public async Task Health_reports_ollama_down_as_degraded_not_unhealthy()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var response = await ziggie.Client.GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("checks");
        Assert.Equal("degraded", checks.GetProperty("ollama").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_503_naming_the_failed_check_while_mongodb_is_down()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.GetAsync("/health/ready", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var ready = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(ready.GetProperty("ready").GetBoolean());
        var failed = ready.GetProperty("failed").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains("mongodb", failed);
        Assert.DoesNotContain("ollama", failed);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/alive")]
    public async Task Liveness_answers_alive_without_asking_the_dependencies(string path)
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var alive = await ziggie.Client.GetFromJsonAsync<JsonElement>(path, Cancel);

        Assert.True(alive.GetProperty("alive").GetBoolean());
        Assert.True(alive.TryGetProperty("timestamp", out _));
        Assert.False(alive.TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task Startup_is_complete_once_the_host_runs()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var startup = await ziggie.Client.GetFromJsonAsync<JsonElement>("/health/startup", Cancel);

        Assert.True(startup.GetProperty("startup_complete").GetBoolean());
        Assert.True(startup.TryGetProperty("version", out _));
    }
}
