using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Tells a project the address people call it at. Behind DCP's proxy Kestrel listens on a port DCP chose
/// (e.g. 29074) while users call the host port (54112); only the AppHost knows both.
/// </summary>
public static class PublicUrlExtensions
{
    /// <summary>
    /// Sets <paramref name="variable"/> to the resource's own <c>http</c> endpoint as the host sees it, when running.
    /// A published model has no such address (the deployment decides it), so nothing is set there.
    /// </summary>
    /// <param name="builder">The project.</param>
    /// <param name="variable">The environment variable, e.g. <c>Ziggie__System__PublicUrl</c>.</param>
    public static IResourceBuilder<T> WithPublicUrlIn<T>(this IResourceBuilder<T> builder, string variable)
        where T : IResourceWithEndpoints, IResourceWithEnvironment =>
        builder.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsRunMode)
            {
                context.EnvironmentVariables[variable] = builder.GetEndpoint("http");
            }
        });
}
