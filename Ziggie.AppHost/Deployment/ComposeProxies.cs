using System.Globalization;
using System.Net;
using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// Reverse proxies of the model (<see cref="ComposeReverseProxyAnnotation"/>) get a fixed address on the compose
/// network, and the service behind each trusts that address alone. Trusting the whole network would not do: Docker can
/// deliver connections to a published port from the network's gateway address.
/// </summary>
internal static class ComposeProxies
{
    // .1 is the gateway; proxies take .10 and up.
    private const int FirstProxyHost = 10;

    public static void Apply(IEnumerable<IResource> resources, ComposeTopology topology, OrderedDictionary<string, object?> services)
    {
        var next = FirstProxyHost;
        foreach (var resource in resources)
        {
            foreach (var proxy in resource.Annotations.OfType<ComposeReverseProxyAnnotation>())
            {
                if (topology.ServiceOf(proxy.Target) is not { } target || !services.TryGetValue(target, out var targetService)) continue;

                var address = Address(next++);
                var service = (OrderedDictionary<string, object?>)services[ComposeNames.Service(resource.Name)]!;
                service["networks"] = new OrderedDictionary<string, object?>
                {
                    [ComposeServices.NetworkName] = new OrderedDictionary<string, object?> { ["ipv4_address"] = address },
                };

                var backend = (OrderedDictionary<string, object?>)targetService!;
                if (backend["environment"] is not OrderedDictionary<string, object?> environment)
                {
                    backend["environment"] = environment = new OrderedDictionary<string, object?>();
                }

                environment[ComposeReverseProxyAnnotation.KnownProxiesVariable] = address;
            }
        }
    }

    /// <summary>The network's <c>ipam</c> section: the fixed subnet the proxies' addresses come from.</summary>
    public static OrderedDictionary<string, object?> Network() => new()
    {
        ["ipam"] = new OrderedDictionary<string, object?>
        {
            ["config"] = new List<object?> { new OrderedDictionary<string, object?> { ["subnet"] = ComposeServices.Subnet } },
        },
    };

    private static string Address(int host)
    {
        var network = IPNetwork.Parse(ComposeServices.Subnet).BaseAddress.GetAddressBytes();
        network[^1] = (byte)host;
        return new IPAddress(network).ToString();
    }
}
