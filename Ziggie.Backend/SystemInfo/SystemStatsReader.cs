namespace Ziggie.Backend.SystemInfo;

/// <summary>CPU, memory and disk in one reading.</summary>
public sealed class SystemStatsReader(CpuMeter cpu, DiskMeter disk, TimeProvider time)
{
    public async Task<SystemStats> ReadAsync(CancellationToken cancellationToken)
    {
        var usage = await cpu.ReadAsync(cancellationToken);
        return new SystemStats(time.GetUtcNow(), usage, MemoryMeter.Read(), disk.Read());
    }
}
