using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// Which resources of the model become compose services, and the port each of their endpoints listens on inside
/// the compose network. Everything else (parameters, databases, connection strings) is reached through these.
/// </summary>
internal sealed class ComposeTopology
{
    /// <summary>The port ASP.NET Core images listen on; Aspire gives .NET projects the same in containers.</summary>
    public const int FirstAllocatedPort = 8080;

    private readonly Dictionary<IResource, string> _services = [];
    private readonly Dictionary<string, IResource> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<EndpointAnnotation, int> _targetPorts = [];

    private ComposeTopology(IReadOnlyList<IResource> resources, IReadOnlyList<IResource> leftOut)
    {
        Resources = resources;
        LeftOut = leftOut;
    }

    /// <summary>The resources that become services, in model order.</summary>
    public IReadOnlyList<IResource> Resources { get; }

    /// <summary>Resources that would need a process on the host (executables without a container form).</summary>
    public IReadOnlyList<IResource> LeftOut { get; }

    public static ComposeTopology Build(DistributedApplicationModel model)
    {
        var published = model.Resources.Where(r => !IsExcluded(r)).ToList();
        var topology = new ComposeTopology(
            published.Where(r => r is ContainerResource or ProjectResource).ToList(),
            published.Where(r => r is ExecutableResource).ToList());

        foreach (var resource in topology.Resources)
        {
            topology._services[resource] = ComposeNames.Service(resource.Name);
            topology._byName[resource.Name] = resource;
            topology.AllocateTargetPorts(resource);
        }

        return topology;
    }

    // An endpoint without a target port (a .NET project's, or a proxied container's) gets the next free one from 8080.
    private void AllocateTargetPorts(IResource resource)
    {
        var endpoints = resource.Annotations.OfType<EndpointAnnotation>().Where(e => IsServed(resource, e)).ToList();
        var ports = endpoints.ToDictionary(e => e, e => e.TargetPort ?? (resource is ProjectResource ? null : e.Port));
        var next = FirstAllocatedPort;
        foreach (var endpoint in endpoints)
        {
            while (ports[endpoint] is null && ports.ContainsValue(next)) next++;
            _targetPorts[endpoint] = ports[endpoint] ??= next;
        }
    }

    /// <summary>
    /// The service that runs <paramref name="resource"/>: itself, the resource that replaced it for publishing (the
    /// container of <c>PublishAsDockerFile</c> keeps the name, while values captured earlier still point at the
    /// original), or the service of its parent (a database on a server).
    /// </summary>
    public string? ServiceOf(IResource resource) => resource switch
    {
        _ when _services.TryGetValue(resource, out var name) => name,
        _ when _byName.TryGetValue(resource.Name, out var replacement) && _services.TryGetValue(replacement, out var name) => name,
        IResourceWithParent child => ServiceOf(child.Parent),
        _ => null,
    };

    /// <summary>The endpoints the service serves, with the port each listens on inside the network.</summary>
    public IEnumerable<(EndpointAnnotation Endpoint, int TargetPort)> Endpoints(IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>()
            .Where(_targetPorts.ContainsKey)
            .Select(e => (e, _targetPorts[e]));

    public bool TryGetTargetPort(EndpointAnnotation endpoint, out int port) => _targetPorts.TryGetValue(endpoint, out port);

    /// <summary>The served endpoint <paramref name="reference"/> names, looked up on the resource's replacement when it has one.</summary>
    public EndpointAnnotation? Resolve(EndpointReference reference) =>
        _targetPorts.ContainsKey(reference.EndpointAnnotation) ? reference.EndpointAnnotation
        : Replacement(reference)?.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == reference.EndpointName && _targetPorts.ContainsKey(e));

    /// <summary>
    /// Whether <paramref name="reference"/> names an endpoint of a service that the compose project leaves out on
    /// purpose (a project's https endpoint: no certificate in its container).
    /// </summary>
    public bool IsLeftOutOnPurpose(EndpointReference reference) =>
        Replacement(reference) is { } resource
        && resource.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == reference.EndpointName && !IsServed(resource, e));

    private IResource? Replacement(EndpointReference reference) =>
        _services.ContainsKey(reference.Resource) ? reference.Resource : _byName.GetValueOrDefault(reference.Resource.Name);

    // A .NET project gets no certificate in its container, so nothing would listen on its https endpoint:
    // TLS belongs to a reverse proxy in front of the compose project.
    private static bool IsServed(IResource resource, EndpointAnnotation endpoint) =>
        !(resource is ProjectResource && endpoint.UriScheme == "https" && endpoint.TargetPort is null);

    private static bool IsExcluded(IResource resource) =>
        resource.TryGetLastAnnotation<ManifestPublishingCallbackAnnotation>(out var annotation)
        && annotation == ManifestPublishingCallbackAnnotation.Ignore;
}
