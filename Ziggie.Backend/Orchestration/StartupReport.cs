using MongoDB.Driver;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Orchestration;

/// <summary>
/// Says once, at start, which instance this is and which Ollama nodes and MongoDB it uses (hosts only,
/// never a password): the first line to read when two copies might be running.
/// </summary>
public sealed class StartupReport(InstanceIdentity instance, OllamaNodes nodes, MongoUrl mongo, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Ziggie backend {Instance} uses Ollama at {OllamaUrl} and MongoDB at {MongoServers}, database {Database}",
            instance.Id, Describe(nodes), MongoConnection.DescribeServers(mongo), mongo.DatabaseName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One node as its URL (the line people know); several as each node's name and URL.</summary>
    internal static string Describe(OllamaNodes nodes) =>
        nodes.Several ? string.Join(", ", nodes.All.Select(n => $"{n.Name} {n.Shown}")) : nodes.First.Shown;
}
