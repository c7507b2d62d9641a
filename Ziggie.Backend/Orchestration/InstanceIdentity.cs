using System.Diagnostics;
using System.Globalization;

namespace Ziggie.Backend.Orchestration;

/// <summary>
/// Which backend process answered: host, process id and start time. Sent on every response as
/// <c>X-Ziggie-Instance</c>, so "which copy answered?" never again needs netstat.
/// </summary>
public sealed class InstanceIdentity
{
    public const string HeaderName = "X-Ziggie-Instance";

    public InstanceIdentity()
    {
        using var process = Process.GetCurrentProcess();
        var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        Host = Environment.MachineName;
        ProcessId = Environment.ProcessId;
        StartedAt = started.AddTicks(-(started.Ticks % TimeSpan.TicksPerSecond));
        Id = $"{Host}/{ProcessId}/{StartedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
    }

    public string Id { get; }
    public string Host { get; }
    public int ProcessId { get; }
    public DateTimeOffset StartedAt { get; }
}
