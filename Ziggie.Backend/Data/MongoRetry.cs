using MongoDB.Driver;
using OpenTelemetry;

namespace Ziggie.Backend.Data;

/// <summary>
/// Start-up work that needs MongoDB, tried again with growing pauses (2 s up to 1 min) until the database answers.
/// An outage is told once: one warning when the first try fails, one line when the work is done at last; the
/// tries in between log at Debug and leave no spans (each would be a 5-second server-selection wait in the traces).
/// </summary>
public static class MongoRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    /// <param name="failed">Told each failure in one line, e.g. to report it through a health check.</param>
    public static async Task UntilDoneAsync(
        string what, Func<CancellationToken, Task> work, ILogger logger, TimeProvider time, CancellationToken stoppingToken, Action<string>? failed = null)
    {
        var delay = FirstDelay;
        var failures = 0;
        var downSince = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The first try is traced like any call; the retries of an outage already reported are not.
                using (failures == 0 ? null : SuppressInstrumentationScope.Begin())
                {
                    await work(stoppingToken);
                }

                if (failures > 0)
                {
                    logger.LogInformation("MongoDB answers again: could {What} after {Failures} failed tries over {Duration:0} s",
                        what, failures, (time.GetUtcNow() - downSince).TotalSeconds);
                }

                return;
            }
            catch (Exception ex) when (ex is MongoException or TimeoutException)
            {
                var reason = MongoFailure.OneLine(ex);
                failed?.Invoke(reason);
                if (failures++ == 0)
                {
                    downSince = time.GetUtcNow();
                    logger.LogWarning("Cannot {What} yet, MongoDB is unavailable ({Reason}); trying again in the background until it answers (up to every {MaxDelay:0} s)",
                        what, reason, MaxDelay.TotalSeconds);
                }
                else
                {
                    logger.LogDebug("Still cannot {What} ({Reason}); trying again in {Delay}", what, reason, delay);
                }

                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }
}
