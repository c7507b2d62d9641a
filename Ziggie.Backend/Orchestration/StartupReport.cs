using MongoDB.Driver;

namespace Ziggie.Backend.Orchestration;

/// <summary>
/// Says once, at start, which instance this is and which Ollama and MongoDB it uses (hosts only,
/// never a password): the first line to read when two copies might be running.
/// </summary>
public sealed class StartupReport(InstanceIdentity instance, OllamaConnection ollama, MongoUrl mongo, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Ziggie backend {Instance} uses Ollama at {OllamaUrl} and MongoDB at {MongoServers}, database {Database}",
            instance.Id, ollama.Shown, MongoConnection.DescribeServers(mongo), mongo.DatabaseName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
