using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// GPU access: compose reserves NVIDIA GPUs through <c>deploy.resources.reservations.devices</c>, where
/// <c>docker run</c> takes <c>--gpus all</c>.
/// </summary>
internal static class ComposeGpus
{
    /// <summary>
    /// The <c>deploy</c> section of a service that needs the GPUs: a container run with <c>--gpus</c> in the model,
    /// or the Ollama server when <c>Ziggie:Ollama:Gpu</c> is <c>nvidia</c>; otherwise <see langword="null"/>.
    /// </summary>
    public static async Task<OrderedDictionary<string, object?>?> ReservationAsync(IResource resource, ComposeExportOptions options, CancellationToken cancellationToken)
    {
        var nvidia = resource is OllamaResource && string.Equals(options.OllamaGpu, "nvidia", StringComparison.OrdinalIgnoreCase)
            || (await RuntimeArgumentsAsync(resource, cancellationToken)).Contains("--gpus");
        if (!nvidia) return null;

        var device = new OrderedDictionary<string, object?>
        {
            ["driver"] = "nvidia",
            ["count"] = "all",
            ["capabilities"] = new List<object?> { "gpu" },
        };
        return new()
        {
            ["resources"] = new OrderedDictionary<string, object?>
            {
                ["reservations"] = new OrderedDictionary<string, object?> { ["devices"] = new List<object?> { device } },
            },
        };
    }

    private static async Task<List<string>> RuntimeArgumentsAsync(IResource resource, CancellationToken cancellationToken)
    {
        var arguments = new List<object>();
        foreach (var annotation in resource.Annotations.OfType<ContainerRuntimeArgsCallbackAnnotation>())
        {
            await annotation.Callback(new ContainerRuntimeArgsCallbackContext(arguments, cancellationToken));
        }

        return arguments.OfType<string>().ToList();
    }
}
