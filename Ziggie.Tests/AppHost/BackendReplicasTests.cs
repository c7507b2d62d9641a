extern alias AppHost;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary><c>Ziggie:Backend:Replicas</c>: several backends behind one endpoint, sharing a Redis.</summary>
public class BackendReplicasTests(SharedRedis redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_replicas_get_a_redis_container_and_one_backend_gets_none()
    {
        await using var two = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            ["Ziggie:Backend:Replicas=2"], Cancel).WaitAsync(Timeout, Cancel);
        await using var one = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(Cancel).WaitAsync(Timeout, Cancel);

        var cache = Assert.Single(two.Resources.OfType<RedisResource>());
        Assert.Equal("cache", cache.Name);
        var backend = two.Resources.OfType<ProjectResource>().Single(r => r.Name == "backend");
        Assert.Equal(2, Assert.Single(backend.Annotations.OfType<ReplicaAnnotation>()).Replicas);
        Assert.Contains(backend.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "cache");
        Assert.Empty(one.Resources.OfType<RedisResource>());
        Assert.Empty(one.Resources.Single(r => r.Name == "backend").Annotations.OfType<ReplicaAnnotation>());
    }

    [Fact]
    public async Task A_replica_count_that_is_not_a_number_stops_the_AppHost_with_the_setting_to_fix()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
                ["Ziggie:Backend:Replicas=many"], Cancel).WaitAsync(Timeout, Cancel);
        });

        Assert.Contains("Ziggie:Backend:Replicas is 'many'", failure.InnerException?.Message ?? failure.Message);
    }

    [Fact]
    public async Task With_two_replicas_and_an_existing_redis_both_backends_run_and_share_their_state()
    {
        var cacheConnection = (await redis.GetAsync()).NewDatabase();
        await using var ollama = await FakeOllama.StartAsync(Cancel).WaitAsync(Timeout, Cancel);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            AppHostArguments.ExistingServices(ollama.BaseAddress, await AppHostArguments.TelemetrySinkAsync(),
                "Ziggie:Ollama:Models=", "Ziggie:Ports:Backend=0", "Ziggie:Backend:Replicas=2", $"ConnectionStrings:cache={cacheConnection}"),
            Cancel).WaitAsync(Timeout, Cancel);
        await using var app = await builder.WithoutFrontend().BuildAsync(Cancel).WaitAsync(Timeout, Cancel);
        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);

        var serving = await ServingReplicasAsync(app).WaitAsync(Timeout, Cancel);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", Cancel).WaitAsync(Timeout, Cancel);
        using var http = app.CreateHttpClient("backend");
        var status = await http.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel).WaitAsync(Timeout, Cancel);

        Assert.Equal(2, serving.Count);
        Assert.Equal("shared", status.GetProperty("state").GetProperty("mode").GetString());
        Assert.Equal(cacheConnection.Split(',')[0], status.GetProperty("state").GetProperty("store").GetString());
    }

    // Each replica is its own resource instance (its own id) under the name "backend"; serving is Healthy, or
    // Degraded as here, where MongoDB is a closed port.
    private static async Task<HashSet<string>> ServingReplicasAsync(DistributedApplication app)
    {
        var serving = new HashSet<string>();
        await foreach (var update in app.ResourceNotifications.WatchAsync(Cancel))
        {
            if (update.Resource.Name != "backend") continue;
            if (update.Snapshot.HealthStatus is HealthStatus.Healthy or HealthStatus.Degraded) serving.Add(update.ResourceId);
            else serving.Remove(update.ResourceId);
            if (serving.Count == 2) return serving;
        }

        return serving;
    }
}
