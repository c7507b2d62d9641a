using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Ziggie.AppHost.Hosting;

/// <summary>A host port the app model fixes, and what it is for.</summary>
internal sealed record PinnedPort(int Port, string Purpose);

/// <summary>
/// The host ports an app model pins: endpoint ports (backend, front end, the dashboard's own endpoints), the
/// target ports projects and executables bind themselves, and the AppHost's resource service. Ports left to
/// Aspire (unset or 0) are not pinned.
/// </summary>
internal static class PinnedPorts
{
    // Set by the testing builder and isolated runs: DCP then gives proxied endpoints free ports instead.
    private const string RandomizePortsKey = "DcpPublisher:RandomizePorts";

    public static IReadOnlyList<PinnedPort> Find(DistributedApplicationModel model, IConfiguration configuration, bool dashboardEnabled)
    {
        var randomized = configuration.GetValue<bool>(RandomizePortsKey);
        var pins = new List<PinnedPort>();
        foreach (var resource in model.Resources)
        {
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                var purpose = $"resource \"{resource.Name}\", endpoint \"{endpoint.Name}\"";
                if (endpoint.Port is > 0 and var port && !(randomized && endpoint.IsExplicitlyProxied != false))
                {
                    pins.Add(new PinnedPort(port, purpose));
                }

                // A container's target port is inside the container; a process's is on this host.
                if (resource is IComputeResource && !resource.IsContainer()
                    && endpoint.TargetPort is > 0 and var target && target != endpoint.Port)
                {
                    pins.Add(new PinnedPort(target, $"{purpose}, target port"));
                }
            }
        }

        // The AppHost serves the dashboard's resource service itself; it is not a resource in the model.
        var resourceService = configuration["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] ?? configuration["DOTNET_RESOURCE_SERVICE_ENDPOINT_URL"];
        if (dashboardEnabled && !randomized && Uri.TryCreate(resourceService, UriKind.Absolute, out var url) && url.Port > 0)
        {
            pins.Add(new PinnedPort(url.Port, "the dashboard's resource service, ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"));
        }

        return pins;
    }
}
