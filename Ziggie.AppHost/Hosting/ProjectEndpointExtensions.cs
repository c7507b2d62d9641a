using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Host ports of project and executable resources.
/// </summary>
public static class ProjectEndpointExtensions
{
    /// <summary>
    /// Serves the resource's <c>http</c> endpoint on host port <paramref name="port"/>, the address people and
    /// scripts know; <c>0</c> lets Aspire choose a free port (tests run several AppHosts at once).
    /// </summary>
    /// <param name="builder">The project or executable.</param>
    /// <param name="port">The host port, 0 to 65535.</param>
    public static IResourceBuilder<T> WithHttpHostPort<T>(this IResourceBuilder<T> builder, int port) where T : IResourceWithEndpoints
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
