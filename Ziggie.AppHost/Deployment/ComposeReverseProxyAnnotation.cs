using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// Marks a container as the reverse proxy in front of <paramref name="Target"/> (the front end's nginx before the
/// backend). The compose export gives the proxy a fixed address on the network and lists that address, and only
/// that one, in the target's trusted proxies, so the target believes <c>X-Forwarded-For</c> from the proxy alone.
/// </summary>
/// <param name="Target">The resource the proxy forwards to.</param>
public sealed record ComposeReverseProxyAnnotation(IResource Target) : IResourceAnnotation
{
    /// <summary>ASP.NET Core's switch that trusts forwarded headers from any address; Aspire sets it on published projects.</summary>
    public const string TrustEveryoneVariable = "ASPNETCORE_FORWARDEDHEADERS_ENABLED";

    /// <summary>The backend's setting of trusted proxy addresses (Ziggie.Backend/Security/ProxyOptions.cs), as environment variables.</summary>
    public const string KnownProxiesVariable = "Ziggie__ForwardedHeaders__KnownProxies__0";
}
