using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// "Existing services" (docs/architecture.md, "Existing-services mode"): servers the developer runs outside the AppHost, e.g. a native Ollama
/// with GPU access, or the fakes tests start. They inject the same connection strings as the containers.
/// </summary>
public static class ExistingServicesExtensions
{
    /// <summary>
    /// Adds an existing MongoDB whose connection string (the database in its path) comes from the AppHost's
    /// <c>ConnectionStrings:{name}</c> configuration, as the database resource <paramref name="name"/> under a server
    /// resource <paramref name="serverName"/>. Both show in the dashboard with a health check that pings the server,
    /// as the container's do, so messages that say "check the 'mongodb' resource" name one that exists in this mode.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The name of the database resource and of the connection string.</param>
    /// <param name="serverName">The name of the server resource, <c>mongodb</c> like the container's.</param>
    public static IResourceBuilder<IResourceWithConnectionString> AddExistingMongoDB(
        this IDistributedApplicationBuilder builder, string name, string serverName = "mongodb")
    {
        var connectionString = builder.Configuration.GetConnectionString(name);
        var healthCheckKey = $"{serverName}_check";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, new MongoDBHealthCheck(() => connectionString));

        var server = builder.AddConnectionString(serverName, ReferenceExpression.Create($"{connectionString}"))
            .WithAnnotation(new ExistingServiceAnnotation())
            .WithHealthCheck(healthCheckKey);
        return builder.AddConnectionString(name)
            .WithAnnotation(new ExistingServiceAnnotation())
            .WithParentRelationship(server)
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Adds an existing Redis whose connection string (StackExchange.Redis's format, e.g. <c>redis.lan:6379,password=…</c>)
    /// comes from the AppHost's <c>ConnectionStrings:{name}</c> configuration, shown in the dashboard with a health check
    /// that pings it, as the container's is.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The name of the resource and of the connection string.</param>
    public static IResourceBuilder<IResourceWithConnectionString> AddExistingRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var connectionString = builder.Configuration.GetConnectionString(name)!;
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(connectionString, healthCheckKey);
        return builder.AddConnectionString(name)
            .WithAnnotation(new ExistingServiceAnnotation())
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Adds an existing Ollama server at <paramref name="url"/>: its connection string is <c>Endpoint={url}</c>,
    /// like the container's, the dashboard shows a health check on <c>/</c> and the server's commands, and models
    /// can be added to it with <c>AddModel</c>.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The name of the resource and of the connection string.</param>
    /// <param name="url">The server's absolute http or https URL, without query or fragment.</param>
    /// <exception cref="DistributedApplicationException">The URL is not an absolute http or https URL.</exception>
    public static IResourceBuilder<IResourceWithConnectionString> AddExistingOllama(this IDistributedApplicationBuilder builder, string name, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new DistributedApplicationException(
                $"The Ollama URL '{url}' is not an absolute http or https URL without query or fragment, such as http://localhost:11434. " +
                "Fix Ziggie:Ollama:Url (or Ziggie:Ollama:Nodes:N) in the AppHost configuration, or remove it to run Ollama in a container.");
        }

        var endpoint = url.TrimEnd('/');
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddUrlGroup(new Uri(uri, "/"), healthCheckKey);

        return builder.AddConnectionString(name, ReferenceExpression.Create($"Endpoint={endpoint}"))
            .WithAnnotation(new ExistingServiceAnnotation())
            .WithAnnotation(new OllamaServerAnnotation())
            .WithUrl(endpoint)
            .WithHealthCheck(healthCheckKey)
            .WithServerCommands();
    }

    /// <summary>
    /// Waits for <paramref name="dependency"/> when the AppHost runs it. An existing service is not waited for:
    /// it may stay down (an unreachable developer MongoDB, a stopped Ollama), and the backend reports that as
    /// "degraded" itself instead of never starting.
    /// </summary>
    /// <param name="builder">The resource that depends on <paramref name="dependency"/>.</param>
    /// <param name="dependency">The resource to wait for.</param>
    public static IResourceBuilder<T> WaitForUnlessExisting<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport =>
        dependency.Resource.Annotations.OfType<ExistingServiceAnnotation>().Any() ? builder : builder.WaitFor(dependency);

    private sealed class ExistingServiceAnnotation : IResourceAnnotation;
}
