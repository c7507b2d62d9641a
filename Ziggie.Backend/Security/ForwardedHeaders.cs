using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Ziggie.Backend.Security;

/// <summary>
/// Client addresses behind a reverse proxy, from the proxies of <see cref="ProxyOptions"/> only. ASP.NET Core's own
/// switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, which Aspire sets on published projects) clears the
/// known proxies and networks and so believes any client's <c>X-Forwarded-For</c>: the login limit per address
/// could then be bypassed by sending a new address with every attempt.
/// </summary>
public static class ForwardedHeaders
{
    public static IHostApplicationBuilder AddZiggieForwardedHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(ProxyOptions.AreAddresses, $"{ProxyOptions.Section}:KnownProxies must list IP addresses such as 172.28.54.10.")
            .ValidateOnStart();
        // Registered after the framework's setup for ASPNETCORE_FORWARDEDHEADERS_ENABLED, so this list is the one in force
        // even where that variable is set.
        // Empty lists of known proxies and networks mean "trust every address" to the middleware, so "trust nobody"
        // is said by reading no headers at all.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies.Value.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            forwarded.ForwardedHeaders = forwarded.KnownProxies.Count == 0
                ? Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None
                : Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        });
        return builder;
    }

    /// <summary>First in the pipeline: the rate limiter and the logs must see the client's address.</summary>
    public static IApplicationBuilder UseZiggieForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
