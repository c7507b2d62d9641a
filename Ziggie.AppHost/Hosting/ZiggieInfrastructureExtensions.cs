using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Ziggie's infrastructure: MongoDB and Ollama in containers, or the developer's existing servers when the
/// AppHost configuration names them.
/// </summary>
public static class ZiggieInfrastructureExtensions
{
    /// <summary>
    /// Adds the <c>ziggiedb</c> database: the existing MongoDB of <c>ConnectionStrings:ziggiedb</c> when that is
    /// configured, else database <c>ziggie</c> on a <c>mongodb</c> container with a data volume.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IResourceBuilder<IResourceWithConnectionString> AddZiggieMongo(this IDistributedApplicationBuilder builder) =>
        string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("ziggiedb"))
            ? builder.AddMongoDB("mongodb").WithDataVolume().AddDatabase("ziggiedb", "ziggie")
            : builder.AddExistingMongoDB("ziggiedb");

    /// <summary>The configured models on every node: each node shows its own model resources (<c>ollama-1-llama3-2</c>, …).</summary>
    /// <param name="nodes">The Ollama nodes.</param>
    public static void AddConfiguredModels(this IReadOnlyList<IResourceBuilder<IResourceWithConnectionString>> nodes)
    {
        foreach (var node in nodes) node.AddConfiguredModels();
    }

    /// <summary>
    /// Adds every Ollama node (<see cref="ZiggieOllamaNodes"/>): the existing ones of <c>Ziggie:Ollama:Nodes</c> /
    /// <c>Ziggie:Ollama:Url</c>, else <c>Ziggie:Ollama:Containers</c> containers, each with its data volume and GPUs.
    /// Node 0 is <c>ollama</c>, as with one node; the others <c>ollama-1</c>, ….
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IReadOnlyList<IResourceBuilder<IResourceWithConnectionString>> AddZiggieOllamaNodes(this IDistributedApplicationBuilder builder)
    {
        var urls = ZiggieOllamaNodes.Urls(builder.Configuration);
        if (urls.Count > 0)
        {
            return [.. urls.Select((url, i) => builder.AddExistingOllama(ZiggieOllamaNodes.NameOf(i), url))];
        }

        return [.. Enumerable.Range(0, ZiggieOllamaNodes.Containers(builder.Configuration))
            .Select(i => (IResourceBuilder<IResourceWithConnectionString>)builder.AddOllama(ZiggieOllamaNodes.NameOf(i)).WithDataVolume().WithConfiguredGpu())];
    }

    /// <summary>
    /// Gives <paramref name="backend"/> every node's connection string, waiting for the containers (not for existing
    /// servers, which may be down: the backend reports that itself).
    /// </summary>
    /// <param name="backend">The backend.</param>
    /// <param name="nodes">The Ollama nodes of <see cref="AddZiggieOllamaNodes"/>.</param>
    public static IResourceBuilder<ProjectResource> WithOllamaNodes(
        this IResourceBuilder<ProjectResource> backend, IReadOnlyList<IResourceBuilder<IResourceWithConnectionString>> nodes)
    {
        foreach (var node in nodes) backend.WithReference(node).WaitForUnlessExisting(node);
        return backend;
    }

    /// <summary>
    /// Adds the <c>cache</c> Redis the backend replicas share their limits in: the existing one of
    /// <c>ConnectionStrings:cache</c> when that is configured, else, when <c>Ziggie:Backend:Replicas</c> is more than 1,
    /// a Redis container (in memory only: what it holds is rebuilt within a minute, see docs/scaling.md). Null for one
    /// backend without a configured Redis: its state stays in the process.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IResourceBuilder<IResourceWithConnectionString>? AddZiggieCache(this IDistributedApplicationBuilder builder)
    {
        if (ZiggieBackendSettings.ExistingCache(builder.Configuration) is not null) return builder.AddExistingRedis(ZiggieBackendSettings.CacheName);
        if (ZiggieBackendSettings.Replicas(builder.Configuration) == 1) return null;
#pragma warning disable ASPIRECERTIFICATES001 // Evaluation API, but the only way to keep the developer certificate off Redis.
        // Plain TCP with a password on the machine's own network: TLS with Aspire's developer certificate would need
        // that certificate trusted by every backend, which Linux machines and containers do not do by default.
        var redis = builder.AddRedis(ZiggieBackendSettings.CacheName).WithoutHttpsCertificate().WithoutPersistence();
#pragma warning restore ASPIRECERTIFICATES001
        // azd maps only tcp, http and https bindings to a Container App (it fails `azd up` on Aspire's "redis" scheme);
        // the connection string names host and port only, so the scheme changes nothing else.
        return builder.ExecutionContext.IsPublishMode ? redis.WithEndpoint("tcp", endpoint => endpoint.UriScheme = "tcp") : redis;
    }

    /// <summary>
    /// Adds a model resource for each model of <c>Ziggie:Ollama:Models</c> (a list, or one string separated by commas;
    /// <c>llama3.2</c> when unset, none when empty). They download in the background; nothing waits for them.
    /// </summary>
    /// <param name="ollama">The Ollama server.</param>
    public static IReadOnlyList<IResourceBuilder<OllamaModelResource>> AddConfiguredModels(this IResourceBuilder<IResourceWithConnectionString> ollama) =>
        [.. ZiggieOllamaSettings.Models(ollama.ApplicationBuilder.Configuration).Select(model => ollama.AddModel(model))];

    private static IResourceBuilder<OllamaResource> WithConfiguredGpu(this IResourceBuilder<OllamaResource> ollama) =>
        ZiggieOllamaSettings.Gpu(ollama.ApplicationBuilder.Configuration) is { } vendor ? ollama.WithGPUSupport(vendor) : ollama;
}
