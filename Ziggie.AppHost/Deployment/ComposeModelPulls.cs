using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// The models of <c>Ziggie:Ollama:Models</c> in the compose project: one one-shot service per model resource
/// (<c>ollama-llama3-2</c>) on the Ollama image, whose entrypoint is <c>/bin/ollama</c>, running <c>ollama pull</c>
/// against the <c>ollama</c> service (the CLI finds its server through <c>OLLAMA_HOST</c>) once that is healthy. As in
/// run mode nothing waits for it: its progress is in <c>docker compose logs</c>, and a failed pull shows as an exited
/// service (<c>restart: "no"</c>) while the rest of the stack keeps running.
/// </summary>
internal static class ComposeModelPulls
{
    public static IEnumerable<(string Name, OrderedDictionary<string, object?> Service)> Create(
        DistributedApplicationModel model, ComposeTopology topology, List<string> warnings)
    {
        foreach (var pull in model.Resources.OfType<OllamaModelResource>())
        {
            var server = pull.Parent as ContainerResource;
            var service = server is null ? null : topology.ServiceOf(server);
            var endpoint = server is null ? default : topology.Endpoints(server).FirstOrDefault(e => e.Endpoint.UriScheme == "http");
            if (server is null || service is null || endpoint.Endpoint is null || !server.TryGetContainerImageName(out var image))
            {
                warnings.Add($"'{pull.Name}' ({pull.ModelName}) is not pulled by the compose project: its Ollama is not a container of it. Pull it on that Ollama yourself.");
                continue;
            }

            yield return (ComposeNames.Service(pull.Name), new OrderedDictionary<string, object?>
            {
                ["image"] = image,
                ["command"] = new List<object?> { "pull", pull.ModelName },
                ["environment"] = new OrderedDictionary<string, object?> { ["OLLAMA_HOST"] = $"http://{service}:{endpoint.TargetPort}" },
                ["depends_on"] = new OrderedDictionary<string, object?>
                {
                    [service] = new OrderedDictionary<string, object?> { ["condition"] = "service_healthy" },
                },
                ["restart"] = "no",
                ["networks"] = new List<object?> { ComposeServices.NetworkName },
            });
        }
    }
}
