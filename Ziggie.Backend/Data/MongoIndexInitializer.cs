using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Data;

/// <summary>
/// Creates the indexes in the background and says through its health check whether that is done.
/// MongoDB may be down at start: the backend still starts (the LLM routes need no database) and this
/// tries again until the indexes exist.
/// </summary>
public sealed class MongoIndexInitializer(IMongoDatabase database, MongoUrl url, TimeProvider time, ILogger<MongoIndexInitializer> logger)
    : BackgroundService, IHealthCheck
{
    private volatile string? _problem = "not tried yet";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        MongoRetry.UntilDoneAsync("create the MongoDB indexes", async token =>
        {
            await MongoIndexes.CreateAllAsync(database, token);
            _problem = null;
            logger.LogInformation("MongoDB indexes are in place");
        }, logger, time, stoppingToken, failed: reason => _problem = $"MongoDB at {MongoConnection.DescribeServers(url)} {reason}");

    // The reason is one line (MongoFailure): this answer is public on /health.
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_problem is { } reason
            ? new HealthCheckResult(context.Registration.FailureStatus, $"MongoDB indexes are not created yet: {reason}")
            : HealthCheckResult.Healthy("MongoDB indexes are in place"));
}
