using System.Net;

namespace Ziggie.Backend.Security;

/// <summary>
/// <c>Ziggie:ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the
/// backend believes. Anyone else's are ignored, so a client that sends its own <c>X-Forwarded-For</c> is still seen,
/// and rate limited, by the address it connects from. Empty by default: nothing is trusted.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Ziggie:ForwardedHeaders";

    /// <summary>
    /// IP addresses of the trusted proxies, e.g. the front end's nginx in the compose project (the compose export
    /// fills this in). Never a whole network: on a Docker host, connections to a published port can arrive from the
    /// network's gateway address.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    public static bool AreAddresses(ProxyOptions options) => options.KnownProxies.All(p => IPAddress.TryParse(p, out _));
}
