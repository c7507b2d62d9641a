using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Ziggie.AppHost.Hosting;

/// <summary>Dashboard health that follows what a service says of itself.</summary>
public static class HealthReportExtensions
{
    /// <summary>
    /// The resource's health is the <c>status</c> of the JSON report at <paramref name="path"/> on its <c>http</c>
    /// endpoint: healthy → Healthy, degraded → Degraded, anything else (or no answer) → Unhealthy. Like
    /// <c>WithHttpHealthCheck</c>, <c>WaitFor</c> on the resource waits for it; a degraded backend still serves.
    /// </summary>
    /// <param name="builder">The project.</param>
    /// <param name="path">The report's path, such as <c>/health</c>.</param>
    public static IResourceBuilder<T> WithHealthReportCheck<T>(this IResourceBuilder<T> builder, string path)
        where T : IResourceWithEndpoints
    {
        var endpoint = builder.GetEndpoint("http");
        // The key of WithHttpHealthCheck's shape ({resource}_{endpoint}_{path}_{status}_check): the compose export
        // reads the probe's path from it, and in a container a degraded backend that answers 200 is serving.
        var key = $"{builder.Resource.Name}_{endpoint.EndpointName}_{path}_200_check";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .AddCheck(key, new HealthReportCheck(() => endpoint.IsAllocated ? new Uri(new Uri(endpoint.Url), path) : null));
        return builder.WithHealthCheck(key);
    }
}
