using System.Diagnostics;

namespace Ziggie.Bench.Load;

/// <summary>Closed-loop load: a fixed number of clients, each starting its next request as soon as its last one ended.</summary>
public static class LoadRunner
{
    /// <summary>How long one run may take before the benchmark gives up on it.</summary>
    public static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    /// <summary>Runs requests 0..<paramref name="total"/>-1 on <paramref name="clients"/> workers; the first failure stops them all.</summary>
    /// <returns>The wall time from the first request's start to the last one's end.</returns>
    public static async Task<TimeSpan> RunAsync(int clients, int total, Func<int, CancellationToken, Task> request)
    {
        using var stop = new CancellationTokenSource(RunLimit);
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Min(clients, total)).Select(_ => Task.Run(async () =>
        {
            try
            {
                for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
                {
                    await request(i, stop.Token);
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        })).ToArray();

        try
        {
            await Task.WhenAll(workers);
        }
        catch
        {
            var cause = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            throw cause as BenchFailure ?? new BenchFailure(cause is null
                ? $"The run did not finish within {RunLimit.TotalMinutes} minutes."
                : $"A request failed: {cause.GetType().Name}: {cause.Message}");
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
