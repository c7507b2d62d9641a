using System.Diagnostics;

namespace Ziggie.Backend.SystemInfo;

/// <summary>
/// CPU usage as the share of busy time between two readings. On Linux the counters of
/// <c>/proc/stat</c> (the whole machine or container host); elsewhere this process's CPU time, the
/// only portable figure. Never a Windows performance counter or a hard-coded drive.
/// </summary>
public sealed class CpuMeter(TimeProvider time)
{
    // Two readings closer than this say little; the meter then takes a second one after a short wait.
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromMilliseconds(200);
    private const string ProcStat = "/proc/stat";

    private readonly Lock _gate = new();
    private (long At, double Busy, double Total)? _previous;

    public static string Source => File.Exists(ProcStat) ? ProcStat : "process";

    public async Task<CpuStats> ReadAsync(CancellationToken cancellationToken)
    {
        var now = Sample();
        (long At, double Busy, double Total)? before;
        lock (_gate) (before, _previous) = (_previous, now);

        if (before is null || time.GetElapsedTime(before.Value.At, now.At) < ShortestWindow)
        {
            before = now;
            await Task.Delay(ShortestWindow, time, cancellationToken);
            now = Sample();
            lock (_gate) _previous = now;
        }

        var usage = Percent.Of(now.Busy - before.Value.Busy, now.Total - before.Value.Total);
        return new CpuStats(usage, Environment.ProcessorCount, Source);
    }

    private (long At, double Busy, double Total) Sample()
    {
        var at = time.GetTimestamp();
        if (File.Exists(ProcStat))
        {
            // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the idle time.
            var fields = File.ReadLines(ProcStat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(double.Parse).ToArray();
            var total = fields.Sum();
            return (at, total - fields[3] - fields[4], total);
        }

        using var process = Process.GetCurrentProcess();
        var wall = time.GetElapsedTime(0, at).TotalSeconds * Environment.ProcessorCount;
        return (at, process.TotalProcessorTime.TotalSeconds, wall);
    }
}
