using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

// Mirrors CommunityToolkit.Aspire.Hosting.Ollama (not served here): same namespaces, names and defaults,
// so the toolkit package can replace these files without changing AppHost.cs.
namespace Aspire.Hosting;

/// <summary>The GPU vendors <see cref="OllamaHostingExtensions.WithGPUSupport"/> knows.</summary>
public enum OllamaGpuVendor
{
    /// <summary>NVIDIA, through the NVIDIA Container Toolkit.</summary>
    Nvidia,

    /// <summary>AMD, through ROCm.</summary>
    AMD,
}

/// <summary>
/// Adds Ollama servers to the application model, shaped like CommunityToolkit.Aspire.Hosting.Ollama.
/// </summary>
public static class OllamaHostingExtensions
{
    private const string Image = "ollama/ollama";
    private const string Tag = "0.21.0";
    private const string Registry = "docker.io";
    private const int ContainerPort = 11434;

    /// <summary>
    /// Adds an Ollama server container (<c>docker.io/ollama/ollama:0.21.0</c>) with an <c>http</c> endpoint
    /// and a health check on <c>/</c>.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The name of the resource, and the connection string name of those that reference it.</param>
    /// <param name="port">The host port, or <see langword="null"/> for one chosen by Aspire.</param>
    public static IResourceBuilder<OllamaResource> AddOllama(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.AddResource(new OllamaResource(name))
            .WithAnnotation(new OllamaServerAnnotation())
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            .WithHttpEndpoint(port: port, targetPort: ContainerPort, name: OllamaResource.OllamaEndpointName)
            .WithHttpHealthCheck("/")
            .WithServerCommands();
    }

    /// <summary>
    /// Gives the container the host's GPUs, with the runtime arguments of Ollama's Docker instructions:
    /// <c>--gpus all</c> for NVIDIA (<c>--device nvidia.com/gpu=all</c> under Podman), which needs the NVIDIA Container
    /// Toolkit on the host; for AMD the <c>-rocm</c> image with devices <c>/dev/kfd</c> and <c>/dev/dri</c>.
    /// </summary>
    /// <param name="builder">The Ollama server.</param>
    /// <param name="vendor">The GPU vendor; NVIDIA by default.</param>
    public static IResourceBuilder<OllamaResource> WithGPUSupport(this IResourceBuilder<OllamaResource> builder, OllamaGpuVendor vendor = OllamaGpuVendor.Nvidia)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return vendor switch
        {
            OllamaGpuVendor.Nvidia => IsPodman(builder.ApplicationBuilder)
                ? builder.WithContainerRuntimeArgs("--device", "nvidia.com/gpu=all")
                : builder.WithContainerRuntimeArgs("--gpus", "all"),
            OllamaGpuVendor.AMD => builder.WithImageTag($"{Tag}-rocm").WithContainerRuntimeArgs("--device", "/dev/kfd", "--device", "/dev/dri"),
            _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown GPU vendor."),
        };
    }

    private static bool IsPodman(IDistributedApplicationBuilder builder) =>
        string.Equals(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? builder.Configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"], "podman", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Keeps Ollama's models (<c>/root/.ollama</c>) in a named volume across container restarts.
    /// </summary>
    /// <param name="builder">The Ollama server.</param>
    /// <param name="name">The volume name; defaults to one derived from the AppHost and resource names.</param>
    public static IResourceBuilder<OllamaResource> WithDataVolume(this IResourceBuilder<OllamaResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "ollama"), "/root/.ollama");
    }
}
