using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Auth;

/// <summary><c>Ziggie:RateLimits</c>: per client address for sign-in, per user for generation.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Ziggie:RateLimits";

    [Range(1, 10_000)]
    public int LoginsPerMinute { get; set; } = 10;

    [Range(1, 100_000)]
    public int GenerationsPerMinute { get; set; } = 30;
}
