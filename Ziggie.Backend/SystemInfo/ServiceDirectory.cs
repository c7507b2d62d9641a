using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.SystemInfo;

/// <summary>
/// <c>/api/services</c>: the backend and each dependency the orchestrator gives it, asked the same
/// questions as the health checks. Ziggie never starts or stops them (the old process manager did);
/// it only says how they answer and where, without credentials.
/// </summary>
public sealed class ServiceDirectory(
    HealthCheckService health, OllamaStatusProbe ollama, OllamaConnection ollamaConnection, MongoUrl mongo,
    InstanceIdentity instance, IServer server, IOptions<SystemOptions> options, TimeProvider time)
{
    public async Task<ServiceList> ListAsync(CancellationToken cancellationToken)
    {
        var database = CheckMongoAsync(cancellationToken);
        var llm = CheckOllamaAsync(cancellationToken);
        var backend = new ServiceEntry("backend", ServiceStatus.Healthy, 0, BackendEndpoint(), $"instance {instance.Id}");
        var (ollama, ollamaNodes) = await llm;
        return new ServiceList(time.GetUtcNow(), [backend, await database, ollama, .. ollamaNodes]);
    }

    private async Task<ServiceEntry> CheckMongoAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Name == "mongodb", cancellationToken);
        var ping = report.Entries["mongodb"];
        return new ServiceEntry(
            "mongodb",
            ping.Status == HealthStatus.Healthy ? ServiceStatus.Healthy : ServiceStatus.Down,
            Math.Round(ping.Duration.TotalMilliseconds, 1),
            $"mongodb://{MongoConnection.DescribeServers(mongo)}/{mongo.DatabaseName}",
            ping.Description);
    }

    /// <summary>"ollama" sums up every node (healthy if any is), as one-node clients know it; with several nodes each follows as "ollama/{node}".</summary>
    private async Task<(ServiceEntry Ollama, IReadOnlyList<ServiceEntry> Nodes)> CheckOllamaAsync(CancellationToken cancellationToken)
    {
        var status = await ollama.CheckAsync(cancellationToken);
        var (state, detail) = Describe(status.Status, status.Version?.Version, status.Error);
        var summary = new ServiceEntry("ollama", state, status.LatencyMs, ollamaConnection.Shown, detail);
        if (status.Nodes is not { Count: > 1 }) return (summary, []);
        return (summary, [.. status.Nodes.Select(node =>
        {
            var (nodeState, nodeDetail) = Describe(node.Status, node.Version, node.Error);
            return new ServiceEntry($"ollama/{node.Name}", nodeState, node.LatencyMs, node.Url, nodeDetail);
        })]);
    }

    private static (string State, string? Detail) Describe(string status, string? version, string? error) => status switch
    {
        LlmStatus.Online => (ServiceStatus.Healthy, $"Ollama {version}"),
        LlmStatus.Degraded => (ServiceStatus.Degraded, error),
        _ => (ServiceStatus.Down, error),
    };

    private string BackendEndpoint() =>
        options.Value.PublicUrl?.ToString().TrimEnd('/') ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
}

public sealed record ServiceList(DateTimeOffset Timestamp, IReadOnlyList<ServiceEntry> Services);

/// <param name="Status"><see cref="ServiceStatus"/>.</param>
public sealed record ServiceEntry(string Name, string Status, double LatencyMs, string Endpoint, string? Detail);

public static class ServiceStatus
{
    public const string Healthy = "healthy";
    /// <summary>It answers, but not as it should (e.g. Ollama answers an error status).</summary>
    public const string Degraded = "degraded";
    public const string Down = "down";
}
