using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Healthy when the server answers <c>ping</c>. The connection string is known only once the container's
/// endpoint is allocated, so it is read at check time.
/// </summary>
internal sealed class MongoDBHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    private static readonly TimeSpan ServerSelectionTimeout = TimeSpan.FromSeconds(5);
    private MongoClient? _client;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } value)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The connection string is not available yet.");
        }

        try
        {
            _client ??= CreateClient(value);
            await _client.GetDatabase("admin")
                .RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }

    private static MongoClient CreateClient(string connectionString)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        // The driver's default (30 s) would hold the dashboard's state long after the server is up or down.
        settings.ServerSelectionTimeout = ServerSelectionTimeout;
        return new MongoClient(settings);
    }
}
