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

    /// <summary>
    /// Adds the <c>ollama</c> server: the existing one at <c>Ziggie:Ollama:Url</c> when that is configured, else an
    /// Ollama container with a data volume for its models and the GPUs of <c>Ziggie:Ollama:Gpu</c>.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IResourceBuilder<IResourceWithConnectionString> AddZiggieOllama(this IDistributedApplicationBuilder builder) =>
        builder.Configuration["Ziggie:Ollama:Url"] is { Length: > 0 } url
            ? builder.AddExistingOllama("ollama", url)
            : builder.AddOllama("ollama").WithDataVolume().WithConfiguredGpu();

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
