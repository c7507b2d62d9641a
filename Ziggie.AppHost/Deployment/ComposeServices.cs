using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ziggie.AppHost.Deployment;

/// <summary>Turns one resource of the model into one compose service.</summary>
internal sealed partial class ComposeServices(
    ComposeTopology topology, ComposeExpressions expressions, ComposeExportOptions options, string outputDirectory,
    DistributedApplicationExecutionContext executionContext)
{
    public const string NetworkName = "ziggie";
    public const string RestartPolicy = "unless-stopped";

    /// <summary>The network's addresses: fixed, so the backend can name the one proxy it trusts (the front end's).</summary>
    public const string Subnet = "172.28.54.0/24";

    private readonly Dictionary<string, ComposeHealth> _health = [];

    /// <summary>What the compose project cannot do as the model says, for the person running the export.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>What the export leaves out on purpose, printed for the record.</summary>
    public List<string> Notes { get; } = [];

    // A value that cannot be resolved stops the export, naming the service and the variable: a service started
    // without it fails in ways far from the cause (nginx listening on another port than the one probed and published).
    private string? Evaluate(object? value, string service, string variable)
    {
        try
        {
            return expressions.Evaluate(value, service);
        }
        catch (ComposeValueException e)
        {
            throw new DistributedApplicationException(
                $"The compose export cannot resolve {variable} of '{service}': it {e.Message}. Fix the AppHost's model, or teach " +
                "Ziggie.AppHost/Deployment/ComposeTopology.cs where that endpoint lives.", e);
        }
    }

    public async Task<OrderedDictionary<string, object?>> CreateAsync(IResource resource, CancellationToken cancellationToken)
    {
        var name = ComposeNames.Service(resource.Name);
        var service = new OrderedDictionary<string, object?>();
        var dockerfile = await ComposeImages.AddAsync(service, resource, expressions, outputDirectory, executionContext.Services, cancellationToken);

        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .WithArgumentsConfig()
            .BuildAsync(executionContext, NullLogger.Instance, cancellationToken);
        if (configuration.Exception is not null) throw configuration.Exception;

        if (resource is ContainerResource { Entrypoint: { } entrypoint }) service["entrypoint"] = entrypoint;
        var command = configuration.ArgumentsWithUnprocessed
            .Select((a, i) => Evaluate(a.Unprocessed, name, $"argument {i + 1}")).OfType<string>().ToList();
        if (command.Count > 0) service["command"] = command;

        var environment = new OrderedDictionary<string, object?>();
        foreach (var (key, (value, _)) in configuration.EnvironmentVariablesWithUnprocessed)
        {
            if (Evaluate(value, name, key) is not { } text)
            {
                Notes.Add($"{name}: {key} is left out; it names an endpoint the compose project does not serve (TLS belongs to a proxy in front of it).");
                continue;
            }

            environment[key] = text;
            if (LoopbackAddress().IsMatch(text))
            {
                // An existing service configured for the AppHost (Ziggie:Ollama:Url=http://127.0.0.1:11434) is on the
                // developer's machine; inside a container the loopback address is the container itself.
                Warnings.Add($"{name}: {key} points at a loopback address, which inside a container is the container itself. " +
                    "Export without the existing-services settings (Ziggie:Ollama:Url, ConnectionStrings:ziggiedb) to get the containers.");
            }
        }

        if (resource.HasAnnotationOfType<OtlpExporterAnnotation>()) ComposeDashboard.AddOtlpExporter(environment, name);
        environment.Remove(ComposeReverseProxyAnnotation.TrustEveryoneVariable);
        if (environment.Count > 0) service["environment"] = environment;

        var ports = topology.Endpoints(resource)
            .Where(e => e.Endpoint.IsExternal)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{HostPort(resource, e.Endpoint) ?? e.TargetPort}:{e.TargetPort}"))
            .ToList();
        if (ports.Count > 0) service["ports"] = ports;

        var volumes = ComposeVolumes.Mounts(resource, options, outputDirectory);
        if (volumes.Count > 0) service["volumes"] = volumes;

        // Filled in by ResolveDependencies, once the health of every service is known.
        service["depends_on"] = null;

        var health = ComposeHealthChecks.For(resource, topology, dockerfile);
        _health[name] = health;
        if (health.Test is { } test) service["healthcheck"] = HealthCheck(test);

        if (await ComposeGpus.ReservationAsync(resource, options, cancellationToken) is { } deploy) service["deploy"] = deploy;
        ComposeReplicas.Apply(resource, service);

        service["restart"] = RestartPolicy;
        service["networks"] = new List<object?> { NetworkName };
        return service;
    }

    /// <summary>
    /// What the model waits for, the compose project waits for: a dependency with a health check must be healthy.
    /// Call once every service is created.
    /// </summary>
    public void ResolveDependencies(IResource resource, OrderedDictionary<string, object?> service)
    {
        var dependencies = DependsOn(resource);
        if (dependencies.Count > 0) service["depends_on"] = dependencies;
        else service.Remove("depends_on");
    }

    private OrderedDictionary<string, object?> DependsOn(IResource resource)
    {
        var dependencies = new OrderedDictionary<string, object?>();
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            if (topology.ServiceOf(wait.Resource) is not { } dependency || dependencies.ContainsKey(dependency)) continue;

            var condition = wait.WaitType == WaitType.WaitForCompletion ? "service_completed_successfully"
                : _health.TryGetValue(dependency, out var health) && !health.Probed ? "service_started"
                : "service_healthy";
            dependencies[dependency] = new OrderedDictionary<string, object?> { ["condition"] = condition };
        }

        return dependencies;
    }

    // In publish mode the model keeps the host port for compose only (ComposeHostPortAnnotation); the endpoint has none.
    private static int? HostPort(IResource resource, EndpointAnnotation endpoint) =>
        resource.Annotations.OfType<ComposeHostPortAnnotation>().LastOrDefault(a => a.EndpointName == endpoint.Name)?.Port ?? endpoint.Port;

    [GeneratedRegex(@"(://|@)(localhost|127\.0\.0\.1|\[::1\])([:/]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex LoopbackAddress();

    private static OrderedDictionary<string, object?> HealthCheck(string[] test) => new()
    {
        ["test"] = test.Cast<object?>().ToList(),
        // /health took 3.6 s with MongoDB down (the driver's server selection); a probe needs room beyond that.
        ["interval"] = "15s",
        ["timeout"] = "10s",
        ["retries"] = 5,
        ["start_period"] = "60s",
    };
}
