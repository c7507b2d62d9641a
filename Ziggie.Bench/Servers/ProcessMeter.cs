using System.Diagnostics;
using System.Globalization;

namespace Ziggie.Bench.Servers;

/// <summary>What a server process spent during one scenario.</summary>
/// <param name="AllocatedBytes">Managed bytes allocated by the whole process (every thread).</param>
/// <param name="PeakWorkingSetBytes">Highest resident memory during the scenario (since the process start where the OS cannot reset it).</param>
/// <param name="CpuTime">User and kernel time of all its threads.</param>
/// <param name="JitTime">Time its threads spent compiling methods (tiered compilation goes on in the background long after start).</param>
/// <param name="GcPause">Time the garbage collector held every thread of the process, over <paramref name="Collections"/> collections.</param>
public sealed record ServerUsage(long AllocatedBytes, long PeakWorkingSetBytes, TimeSpan CpuTime, bool PeakIsPerScenario, TimeSpan JitTime, TimeSpan GcPause, int Collections)
{
    /// <summary>Whether it spent more than 2 % of its CPU compiling: a warm-up pass that leaves it so has not settled.</summary>
    public bool StillCompiling => JitTime > CpuTime * 0.02;

    public string ToWire() => string.Join(' ', AllocatedBytes, PeakWorkingSetBytes, CpuTime.Ticks, PeakIsPerScenario, JitTime.Ticks, GcPause.Ticks, Collections);

    public static ServerUsage FromWire(string wire)
    {
        var p = wire.Split(' ');
        return new ServerUsage(long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture),
            TimeSpan.FromTicks(long.Parse(p[2], CultureInfo.InvariantCulture)), bool.Parse(p[3]),
            TimeSpan.FromTicks(long.Parse(p[4], CultureInfo.InvariantCulture)), TimeSpan.FromTicks(long.Parse(p[5], CultureInfo.InvariantCulture)),
            int.Parse(p[6], CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Measures the current process between <see cref="Mark"/> and <see cref="Read"/>. Mark first collects
/// garbage and gives free memory back to the OS, then resets Linux's resident-memory high-water mark
/// (<c>/proc/self/clear_refs</c>), so the peak read later belongs to the scenario and not to an earlier one.
/// </summary>
public sealed class ProcessMeter
{
    private long _allocated;
    private TimeSpan _cpu;
    private TimeSpan _jit;
    private TimeSpan _gcPause;
    private int _collections;
    private bool _peakReset;

    public void Mark()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _peakReset = TryResetPeak();
        using var self = Process.GetCurrentProcess();
        _cpu = self.TotalProcessorTime;
        _jit = System.Runtime.JitInfo.GetCompilationTime();
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _gcPause = GC.GetTotalPauseDuration();
        _collections = GC.CollectionCount(0);
    }

    public ServerUsage Read()
    {
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        using var self = Process.GetCurrentProcess();
        // On Linux this is VmHWM, the high-water mark that TryResetPeak set back to the current size.
        return new ServerUsage(bytes, self.PeakWorkingSet64, self.TotalProcessorTime - _cpu, _peakReset,
            System.Runtime.JitInfo.GetCompilationTime() - _jit, GC.GetTotalPauseDuration() - _gcPause, GC.CollectionCount(0) - _collections);
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
