using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.SystemInfo;

public sealed class SystemOptions
{
    public const string Section = "Ziggie:System";

    /// <summary>How often <c>/ws</c> sends a <c>system_stats</c> message.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(2);
}
