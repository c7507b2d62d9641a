namespace Ziggie.Backend.SystemInfo;

/// <summary>One reading of the machine (or container) the backend runs in; <c>/api/system/stats</c> and every <c>/ws</c> message.</summary>
public sealed record SystemStats(DateTimeOffset Timestamp, CpuStats Cpu, MemoryStats Memory, DiskStats Disk);

/// <param name="Usage">Percent of all cores busy since the previous reading.</param>
/// <param name="Source">Where the figure comes from: <c>/proc/stat</c> (the whole machine) or <c>process</c> (this process only, elsewhere).</param>
public sealed record CpuStats(double Usage, int Cores, string Source);

/// <param name="Source"><c>cgroup</c> when the container has a memory limit, <c>/proc/meminfo</c> on Linux, else <c>gc</c>.</param>
public sealed record MemoryStats(long Total, long Used, long Available, double Percent, string Source);

/// <param name="Path">The mount point that holds the backend's content root.</param>
/// <param name="Free">What the backend's user can still write (df's "Avail"); reserved blocks are in neither used nor free.</param>
/// <param name="Percent">Used of used + free, as df's "Use%" (which rounds up; this keeps one decimal).</param>
public sealed record DiskStats(string Path, long Total, long Used, long Free, double Percent);

/// <summary>The WebSocket message: the stats with <c>"type":"system_stats"</c>, as the old backend sent them.</summary>
public sealed record SystemStatsMessage(string Type, DateTimeOffset Timestamp, CpuStats Cpu, MemoryStats Memory, DiskStats Disk)
{
    public const string StatsType = "system_stats";

    public static SystemStatsMessage From(SystemStats stats) => new(StatsType, stats.Timestamp, stats.Cpu, stats.Memory, stats.Disk);
}

/// <summary><c>/api/system/info</c>: what the backend runs on, and which instance answered.</summary>
public sealed record SystemInfoView(
    string Hostname, string Os, string Architecture, int ProcessorCount, string Runtime, bool Container,
    string ContentRoot, ProcessInfo Process, string Instance);

public sealed record ProcessInfo(int Pid, DateTimeOffset StartedAt, double UptimeSeconds, long WorkingSet, int Threads);

internal static class Percent
{
    public static double Of(double part, double whole) => whole <= 0 ? 0 : Math.Round(Math.Clamp(part / whole * 100, 0, 100), 1);
}
