using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// A resource the model runs several of (<c>WithReplicas</c>, the backend with <c>Ziggie:Backend:Replicas</c>) becomes one
/// service with <c>deploy.replicas</c>, which Docker Compose v2 and docker-compose 1.29 both start that many of. Inside
/// the network the service name resolves to every replica (the front end's nginx spreads /api and /ws over them); on
/// the host each replica takes one port of a range, since one host port cannot be bound twice.
/// </summary>
internal static class ComposeReplicas
{
    public static void Apply(IResource resource, OrderedDictionary<string, object?> service)
    {
        if (resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault() is not { Replicas: > 1 and var replicas }) return;

        var deploy = service.TryGetValue("deploy", out var existing) && existing is OrderedDictionary<string, object?> map ? map : [];
        deploy["replicas"] = replicas;
        service["deploy"] = deploy;

        if (service.TryGetValue("ports", out var value) && value is List<string> ports)
        {
            service["ports"] = ports.Select(p => Range(p, replicas)).ToList();
        }
    }

    // "54112:8080" becomes "54112-54113:8080" for two replicas; a port already given as a range stays as it is.
    private static string Range(string mapping, int replicas)
    {
        var colon = mapping.LastIndexOf(':');
        if (colon <= 0) return mapping;
        var hostStart = mapping.LastIndexOf(':', colon - 1) + 1;
        if (!int.TryParse(mapping[hostStart..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var first)) return mapping;
        return string.Create(CultureInfo.InvariantCulture, $"{mapping[..hostStart]}{first}-{first + replicas - 1}{mapping[colon..]}");
    }
}
