using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// Exports the application model as a compose project: one service per container and project resource, wired by
/// service name, each with a health probe, a restart policy and the volumes of the model; parameters become
/// <c>.env</c> variables. Nothing is written per service by hand, so changing the AppHost changes the export.
/// </summary>
internal static class ComposeExporter
{
    public const string ComposeFileName = "docker-compose.yaml";

    public static async Task<ComposeExport> ExportAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, ComposeExportOptions options,
        string outputDirectory, CancellationToken cancellationToken)
    {
        var topology = ComposeTopology.Build(model);
        var expressions = new ComposeExpressions(topology);
        var factory = new ComposeServices(topology, expressions, options, outputDirectory, executionContext);

        var services = new OrderedDictionary<string, object?>();
        foreach (var resource in topology.Resources)
        {
            services[ComposeNames.Service(resource.Name)] = await factory.CreateAsync(resource, cancellationToken);
        }

        foreach (var resource in topology.Resources)
        {
            factory.ResolveDependencies(resource, (OrderedDictionary<string, object?>)services[ComposeNames.Service(resource.Name)]!);
        }

        ComposeProxies.Apply(topology.Resources, topology, services);
        var warnings = new List<string>();
        foreach (var (name, pull) in ComposeModelPulls.Create(model, topology, warnings)) services[name] = pull;
        services[ComposeDashboard.ServiceName] = ComposeDashboard.Create();

        // A top-level name keeps the project (containers, network) "ziggie" whatever the folder is called; it needs
        // Docker Compose v2 (v1 is past its end of life and rejects the key).
        var document = new OrderedDictionary<string, object?>
        {
            ["name"] = options.ProjectName,
            ["services"] = services,
            ["networks"] = new OrderedDictionary<string, object?> { [ComposeServices.NetworkName] = ComposeProxies.Network() },
        };
        var volumes = ComposeVolumes.Named(topology.Resources, options).ToList();
        if (volumes.Count > 0) document["volumes"] = ComposeVolumes.Declarations(volumes, options);

        var parameters = model.Resources.OfType<ParameterResource>().Union(expressions.Uses.Keys)
            .Select(p => ComposeParameter.From(p, expressions.Uses.GetValueOrDefault(p)))
            .ToList();
        warnings.InsertRange(0, topology.LeftOut
            .Select(r => $"'{r.Name}' runs as a process on the host and has no container form (PublishAsDockerFile); it is not in the compose project.")
            .Concat(factory.Warnings));

        return new ComposeExport(ComposeYaml.Write(document, Header), parameters, warnings, factory.Notes);
    }

    private static readonly string[] Header =
    [
        "Exported from the Ziggie AppHost's application model. Do not edit: change the AppHost and export again with",
        "  dotnet run --project Ziggie.AppHost -- --operation publish --step publish-compose --output-path deploy",
        "Start (from this folder):  docker compose --env-file .env up -d --build",
        "With the Aspire dashboard: put OTEL_EXPORTER_OTLP_ENDPOINT=http://dashboard:18889 in .env, then",
        "  docker compose --env-file .env --profile dashboard up -d --build",
        "See docs/deployment.md.",
    ];
}

/// <summary>The compose file's text, the parameters it reads from <c>.env</c>, and what could not be exported.</summary>
internal sealed record ComposeExport(string Yaml, IReadOnlyList<ComposeParameter> Parameters, IReadOnlyList<string> Warnings, IReadOnlyList<string> Notes);
