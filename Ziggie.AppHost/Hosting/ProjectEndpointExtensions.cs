using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Host ports of project resources.
/// </summary>
public static class ProjectEndpointExtensions
{
    /// <summary>
    /// Serves the project's <c>http</c> endpoint on host port <paramref name="port"/>, the address people and
    /// scripts know; <c>0</c> lets Aspire choose a free port (tests run several AppHosts at once).
    /// </summary>
    /// <param name="builder">The project.</param>
    /// <param name="port">The host port, 0 to 65535.</param>
    public static IResourceBuilder<ProjectResource> WithHttpHostPort(this IResourceBuilder<ProjectResource> builder, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        return builder.WithEndpoint("http", endpoint =>
        {
            endpoint.UriScheme = "http";
            endpoint.Port = port == 0 ? null : port;
        });
    }
}
