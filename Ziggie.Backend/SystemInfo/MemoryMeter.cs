using System.Globalization;

namespace Ziggie.Backend.SystemInfo;

/// <summary>
/// Memory of the machine, or of the container when it has a limit (cgroup v2): a container sees the
/// host's <c>/proc/meminfo</c>, which would make a 2 GiB container look like a 64 GiB machine.
/// </summary>
public static class MemoryMeter
{
    private const string MemInfo = "/proc/meminfo";
    private const string CgroupLimit = "/sys/fs/cgroup/memory.max";
    private const string CgroupUsage = "/sys/fs/cgroup/memory.current";

    public static MemoryStats Read()
    {
        if (!File.Exists(MemInfo))
        {
            var gc = GC.GetGCMemoryInfo();
            var used = Environment.WorkingSet;
            return Stats(gc.TotalAvailableMemoryBytes, used, "gc");
        }

        var info = File.ReadLines(MemInfo)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024);
        var total = info["MemTotal"];
        var available = info.GetValueOrDefault("MemAvailable", info.GetValueOrDefault("MemFree"));

        if (ReadNumber(CgroupLimit) is { } limit && limit < total && ReadNumber(CgroupUsage) is { } current)
        {
            return Stats(limit, current, "cgroup");
        }

        return Stats(total, total - available, MemInfo);
    }

    private static MemoryStats Stats(long total, long used, string source) =>
        new(total, used, Math.Max(0, total - used), Percent.Of(used, total), source);

    // memory.max says "max" when there is no limit.
    private static long? ReadNumber(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out var value) ? value : null;
}
