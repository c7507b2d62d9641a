using MongoDB.Driver;

namespace Ziggie.Backend.Data;

/// <summary>Start-up work that needs MongoDB, tried again with growing pauses (2 s up to 1 min) until the database answers.</summary>
public static class MongoRetry
{
    static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);
    static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    /// <param name="failed">Told each failure, e.g. to report it through a health check.</param>
    public static async Task UntilDoneAsync(
        string what, Func<CancellationToken, Task> work, ILogger logger, TimeProvider time, CancellationToken stoppingToken, Action<string>? failed = null)
    {
        var delay = FirstDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await work(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is MongoException or TimeoutException)
            {
                failed?.Invoke(ex.Message);
                logger.LogWarning("Cannot {What} yet, MongoDB is unavailable ({Reason}); trying again in {Delay}", what, ex.Message, delay);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }
}
