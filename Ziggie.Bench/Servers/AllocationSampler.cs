using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Ziggie.Bench.Servers;

/// <summary>
/// An allocation profile from inside the process: the runtime reports a sample about every 100 KB allocated
/// (GCAllocationTick) with the type that crossed the mark, so bytes per type add up to a fair picture of
/// where allocations go, without a profiler attached.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.PayloadNames is not { } names) return;
        var type = e.Payload![names.IndexOf("TypeName")] as string ?? "?";
        var amountAt = names.IndexOf("AllocationAmount64");
        var amount = Convert.ToInt64(e.Payload[amountAt >= 0 ? amountAt : names.IndexOf("AllocationAmount")], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    public void Reset() => _bytesByType.Clear();

    /// <summary>The <paramref name="count"/> types with the most sampled bytes, as <c>type=bytes|...</c>.</summary>
    public string Top(int count) => string.Join('|', _bytesByType
        .OrderByDescending(t => t.Value).Take(count)
        .Select(t => $"{t.Key}={t.Value.ToString(CultureInfo.InvariantCulture)}"));
}
