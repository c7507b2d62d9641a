using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Health;

/// <summary>A <c>ping</c> through MongoDB.Driver to the database the backend uses.</summary>
public sealed class MongoHealthCheck(IMongoDatabase database, MongoUrl url) : IHealthCheck
{
    private static readonly BsonDocument Ping = new("ping", 1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = MongoConnection.DescribeServers(url);
        var data = new Dictionary<string, object> { ["servers"] = servers, ["database"] = database.DatabaseNamespace.DatabaseName };
        try
        {
            await database.RunCommandAsync<BsonDocument>(Ping, cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy("MongoDB answers ping", data);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or OperationCanceledException)
        {
            // The driver waits for a server until the check's time limit cancels it; "canceled" alone tells nobody anything.
            var reason = ex is OperationCanceledException or TimeoutException
                ? $"no server answered within {context.Registration.Timeout.TotalSeconds:0.#} s (is it running, and is the address right?)"
                : Data.MongoFailure.OneLine(ex);
            return new HealthCheckResult(context.Registration.FailureStatus, $"MongoDB at {servers} did not answer ping: {reason}", data: data);
        }
    }
}
