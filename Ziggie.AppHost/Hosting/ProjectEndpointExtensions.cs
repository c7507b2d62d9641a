using Aspire.Hosting.ApplicationModel;
using Ziggie.AppHost.Deployment;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Host ports of project and executable resources.
/// </summary>
public static class ProjectEndpointExtensions
{
    /// <summary>
    /// Serves the resource's <c>http</c> endpoint on host port <paramref name="port"/>, the address people and
    /// scripts know; <c>0</c> lets Aspire choose a free port (tests run several AppHosts at once). In publish mode the
    /// port goes to the compose export only (<see cref="ComposeHostPortAnnotation"/>): a cloud ingress, such as azd's
    /// Container Apps, has its own ports and rejects a fixed one.
    /// </summary>
    /// <param name="builder">The project or executable.</param>
    /// <param name="port">The host port, 0 to 65535.</param>
    public static IResourceBuilder<T> WithHttpHostPort<T>(this IResourceBuilder<T> builder, int port) where T : IResourceWithEndpoints
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        var publishing = builder.ApplicationBuilder.ExecutionContext.IsPublishMode;
        if (publishing && port != 0) builder.WithAnnotation(new ComposeHostPortAnnotation("http", port));

        return builder.WithEndpoint("http", endpoint =>
        {
            endpoint.UriScheme = "http";
            endpoint.Port = port == 0 || publishing ? null : port;
        });
    }
}
