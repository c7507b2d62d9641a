using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.SystemInfo;

public sealed class SystemOptions
{
    public const string Section = "Ziggie:System";

    /// <summary>How often <c>/ws</c> sends a <c>system_stats</c> message.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The address people call the backend at, shown by <c>/api/services</c>. The AppHost sets it to the backend's
    /// host endpoint (54112), because Kestrel itself listens on a port DCP chose behind that proxy. Unset: Kestrel's address.
    /// </summary>
    public Uri? PublicUrl { get; set; }
}
