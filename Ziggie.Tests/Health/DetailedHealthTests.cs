using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Health;

public class DetailedHealthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Detailed_health_gives_admins_the_process_machine_and_checks()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var detailed = await ziggie.Admin.GetFromJsonAsync<JsonElement>("/health/detailed", Cancel);

        Assert.Equal("degraded", detailed.GetProperty("status").GetString());
        Assert.Equal(Environment.ProcessId, detailed.GetProperty("process").GetProperty("pid").GetInt32());
        Assert.True(detailed.GetProperty("process").GetProperty("working_set").GetInt64() > 0);
        Assert.True(detailed.GetProperty("system").GetProperty("memory").GetProperty("total").GetInt64() > 0);
        Assert.True(detailed.GetProperty("system").GetProperty("disk").GetProperty("total").GetInt64() > 0);
        Assert.Equal("healthy", detailed.GetProperty("checks").GetProperty("ollama").GetProperty("status").GetString());
        Assert.Equal("degraded", detailed.GetProperty("checks").GetProperty("mongodb").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Detailed_health_is_for_admins_only()
    {
        await using var ziggie = await TestBackend.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await ziggie.Anonymous.GetAsync("/health/detailed", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ziggie.Client.GetAsync("/health/detailed", Cancel)).StatusCode);
    }
}
