using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ziggie.Backend.Health;

/// <summary>A <c>ping</c> through MongoDB.Driver to the database the backend uses.</summary>
public sealed class MongoHealthCheck(IMongoDatabase database) : IHealthCheck
{
    static readonly BsonDocument Ping = new("ping", 1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = string.Join(",", database.Client.Settings.Servers.Select(s => $"{s.Host}:{s.Port}"));
        var data = new Dictionary<string, object> { ["servers"] = servers, ["database"] = database.DatabaseNamespace.DatabaseName };
        try
        {
            await database.RunCommandAsync<BsonDocument>(Ping, cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy("MongoDB answers ping", data);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"MongoDB at {servers} did not answer ping: {ex.Message}", data: data);
        }
    }
}
