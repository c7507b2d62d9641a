using Aspire.Hosting.ApplicationModel;

// Mirrors CommunityToolkit.Aspire.Hosting.Ollama (not served here): same namespaces, names and defaults,
// so the toolkit package can replace these files without changing AppHost.cs.
namespace Aspire.Hosting;

/// <summary>
/// Adds Ollama servers to the application model, shaped like CommunityToolkit.Aspire.Hosting.Ollama.
/// </summary>
public static class OllamaHostingExtensions
{
    private const string Image = "ollama/ollama";
    private const string Tag = "0.12.11";
    private const string Registry = "docker.io";
    private const int ContainerPort = 11434;

    /// <summary>
    /// Adds an Ollama server container (<c>docker.io/ollama/ollama:0.12.11</c>) with an <c>http</c> endpoint
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
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            .WithHttpEndpoint(port: port, targetPort: ContainerPort, name: OllamaResource.OllamaEndpointName)
            .WithHttpHealthCheck("/");
    }

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
