using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Security;

/// <summary><c>Ziggie:Limits</c>: how much one request and one user may take.</summary>
public sealed class LimitOptions
{
    public const string Section = "Ziggie:Limits";

    /// <summary>Where the two rate limits lived until they joined this section; still read, this section wins.</summary>
    public const string FormerRateLimitSection = "Ziggie:RateLimits";

    /// <summary>Largest request body; more answers 413. A full 1,000-message chat fits in the default.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Generate and chat calls one user may have running at once; more answers 429.</summary>
    [Range(1, 1_000)]
    public int ConcurrentGenerationsPerUser { get; set; } = 3;

    /// <summary>Live stats sockets (<c>/ws</c>) one user may have open at once; more are refused with 429 before the upgrade.</summary>
    [Range(1, 1_000)]
    public int SocketsPerUser { get; set; } = 8;

    /// <summary>Sign-in attempts per client address per minute; more answers 429 with the wait left.</summary>
    [Range(1, 10_000)]
    public int LoginsPerMinute { get; set; } = 10;

    /// <summary>Generate and chat calls one user may start per minute; more answers 429 with the wait left.</summary>
    [Range(1, 100_000)]
    public int GenerationsPerMinute { get; set; } = 30;
}

/// <summary><c>Ziggie:Cors</c>: the browser origins allowed to call the API from another origin (the front end's).</summary>
public sealed class CorsOptions
{
    public const string Section = "Ziggie:Cors";

    public string[] AllowedOrigins { get; set; } = [];
}
