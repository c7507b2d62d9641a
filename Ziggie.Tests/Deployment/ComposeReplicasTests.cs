namespace Ziggie.Tests.Deployment;

/// <summary>One export with <c>Ziggie:Backend:Replicas=2</c>: the replicas and the Redis they share (docs/deployment.md).</summary>
public sealed class ReplicasExport : IAsyncLifetime
{
    public ExportedCompose Export { get; private set; } = null!;
    public Dictionary<object, object> Compose { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Export = await ExportedCompose.ExportAsync("Ziggie:Backend:Replicas=2");
        Compose = await Export.ReadComposeAsync();
    }

    public ValueTask DisposeAsync()
    {
        Export.Dispose();
        return ValueTask.CompletedTask;
    }
}

public class ComposeReplicasTests(ReplicasExport export) : IClassFixture<ReplicasExport>
{
    [Fact]
    public void The_backend_runs_as_two_replicas_on_a_host_port_range_and_waits_for_a_healthy_redis()
    {
        var backend = export.Compose.Service("backend");

        Assert.Equal("2", backend.Map("deploy")["replicas"]);
        Assert.Equal(["54112-54113:8080"], backend.Strings("ports"));
        Assert.Equal("service_healthy", backend.Map("depends_on").Map("cache").Text("condition"));
        Assert.StartsWith("cache:6379,password=${CACHE_PASSWORD:?", backend.Map("environment").Text("ConnectionStrings__cache"));
    }

    [Fact]
    public void Redis_is_internal_in_memory_only_and_probed_with_redis_cli_ping()
    {
        var cache = export.Compose.Service("cache");

        Assert.StartsWith("docker.io/library/redis:", cache.Text("image"));
        Assert.False(cache.ContainsKey("ports"), "Redis must not be published on the host");
        Assert.False(cache.ContainsKey("volumes"), "Redis keeps nothing worth a volume (docs/scaling.md)");
        var command = Assert.Single(cache.Strings("command"), c => c.StartsWith("redis-server", StringComparison.Ordinal));
        Assert.Contains("--requirepass $$REDIS_PASSWORD", command);
        Assert.Contains("--save '' --appendonly no", command);
        Assert.Contains("redis-cli ping", string.Join(' ', cache.Map("healthcheck").Strings("test")));
        Assert.Contains("CACHE_PASSWORD=", File.ReadAllText(export.Export.EnvPath));
    }

    [Fact]
    public async Task Compose_config_accepts_the_replicas_export()
    {
        var tool = await ComposeTool.FindAsync();
        if (tool is null) Assert.Skip("No compose tool on PATH (`docker compose` or `docker-compose`); the YAML is still checked above.");

        var (exitCode, output) = await tool.ConfigAsync(export.Export.Folder.FullName, "--env-file", ".env");

        Assert.True(exitCode == 0, $"`{tool} config` rejected the export:\n{output}");
        Assert.Contains("replicas: 2", output);
    }
}
