using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;

namespace Ziggie.Backend.Data;

/// <summary>
/// Creates the indexes in the background and says through its health check whether that is done.
/// MongoDB may be down at start: the backend still starts (the LLM routes need no database) and this
/// tries again until the indexes exist.
/// </summary>
public sealed class MongoIndexInitializer(IMongoDatabase database, TimeProvider time, ILogger<MongoIndexInitializer> logger)
    : BackgroundService, IHealthCheck
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);
    volatile string? problem = "not tried yet";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(2);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MongoIndexes.CreateAllAsync(database, stoppingToken);
                problem = null;
                logger.LogInformation("MongoDB indexes are in place");
                return;
            }
            catch (Exception ex) when (ex is MongoException or TimeoutException)
            {
                problem = ex.Message;
                logger.LogWarning("Cannot create MongoDB indexes yet ({Reason}); trying again in {Delay}", ex.Message, delay);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(problem is { } reason
            ? new HealthCheckResult(context.Registration.FailureStatus, $"MongoDB indexes are not created yet: {reason}")
            : HealthCheckResult.Healthy("MongoDB indexes are in place"));
}
