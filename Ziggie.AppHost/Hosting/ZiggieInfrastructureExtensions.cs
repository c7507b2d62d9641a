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
    /// Adds the <c>ollama</c> server: the existing one at <c>Ziggie:Ollama:Url</c> when that is configured,
    /// else an Ollama container with a data volume for its models.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IResourceBuilder<IResourceWithConnectionString> AddZiggieOllama(this IDistributedApplicationBuilder builder) =>
        builder.Configuration["Ziggie:Ollama:Url"] is { Length: > 0 } url
            ? builder.AddExistingOllama("ollama", url)
            : builder.AddOllama("ollama").WithDataVolume();
}
