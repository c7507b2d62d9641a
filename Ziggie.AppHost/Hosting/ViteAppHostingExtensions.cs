using Aspire.Hosting.ApplicationModel;
using Ziggie.AppHost.Deployment;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// An in-house <c>AddViteApp</c> (Aspire.Hosting.JavaScript is not served here): the dev server on the port
/// Aspire gives it, <c>npm ci</c> first when the packages are missing or stale, and a Dockerfile for publishing.
/// </summary>
public static class ViteAppHostingExtensions
{
    /// <summary>
    /// Adds a Vite app that runs <c>npm run dev</c> in <paramref name="workingDirectory"/>. Its <c>http</c>
    /// endpoint's port reaches Vite in the environment variable <c>PORT</c> (vite.config.ts reads it).
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="workingDirectory">The app's folder, relative to the AppHost project.</param>
    public static IResourceBuilder<ViteAppResource> AddViteApp(this IDistributedApplicationBuilder builder, string name, string workingDirectory)
    {
        var directory = Path.GetFullPath(workingDirectory, builder.AppHostDirectory);
        return builder.AddResource(new ViteAppResource(name, directory))
            .WithArgs("run", "dev")
            .WithHttpEndpoint(env: "PORT")
            // Vite colours and clears its console for a terminal; the dashboard's log view is none.
            .WithEnvironment("NO_COLOR", "1")
            .WithEnvironment("BROWSER", "none");
    }

    /// <summary>
    /// Runs <c>npm ci</c> as a child resource <c>{name}-npm-ci</c> before the app starts, when its
    /// <c>node_modules</c> is missing or older than <c>package-lock.json</c>; otherwise starts the app at once.
    /// </summary>
    /// <param name="builder">The Vite app.</param>
    public static IResourceBuilder<ViteAppResource> WithNpmPackageInstallation(this IResourceBuilder<ViteAppResource> builder)
    {
        var app = builder.Resource;
        if (!builder.ApplicationBuilder.ExecutionContext.IsRunMode || !PackagesAreStale(app.WorkingDirectory))
        {
            return builder;
        }

        var installer = builder.ApplicationBuilder
            .AddExecutable($"{app.Name}-npm-ci", ViteAppResource.NpmCommand, app.WorkingDirectory, "ci", "--no-audit", "--no-fund")
            .WithParentRelationship(builder);
        return builder.WaitForCompletion(installer);
    }

    /// <summary>The port nginx listens on in the published image: its Dockerfile's <c>PORT</c> and <c>EXPOSE</c>.</summary>
    public const int StaticSitePort = 8080;

    /// <summary>
    /// Publishes the app as the container its <c>Dockerfile</c> builds (the static site behind nginx), whose
    /// <c>/api</c> and <c>/ws</c> go to <paramref name="backend"/> through the variable <c>BACKEND_URL</c>. Its <c>http</c>
    /// endpoint targets <see cref="StaticSitePort"/>, so the port nginx listens on (<c>PORT</c>), the port compose
    /// publishes and probes and the port a cloud ingress forwards to are one. The backend believes the site's
    /// <c>X-Forwarded-For</c> only: the compose export names the site's address in the backend's trusted proxies, and
    /// Aspire's <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, which would trust everyone, is taken off the backend.
    /// </summary>
    /// <param name="builder">The Vite app.</param>
    /// <param name="backend">The backend endpoint the site's proxy forwards to.</param>
    public static IResourceBuilder<ViteAppResource> PublishAsStaticSite(this IResourceBuilder<ViteAppResource> builder, EndpointReference backend)
    {
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode && backend.Resource is IResourceWithEnvironment target)
        {
            builder.ApplicationBuilder.CreateResourceBuilder(target)
                .WithEnvironment(context => context.EnvironmentVariables.Remove(ComposeReverseProxyAnnotation.TrustEveryoneVariable));
        }

        return builder.PublishAsDockerFile(container => container
            .WithEndpoint("http", endpoint => endpoint.TargetPort = StaticSitePort)
            .WithEnvironment("BACKEND_URL", backend)
            .WithAnnotation(new ComposeReverseProxyAnnotation(backend.Resource)));
    }

    /// <summary>npm ci leaves node_modules/.package-lock.json; it is older than package-lock.json after a dependency change.</summary>
    public static bool PackagesAreStale(string workingDirectory)
    {
        var installed = Path.Combine(workingDirectory, "node_modules", ".package-lock.json");
        var locked = Path.Combine(workingDirectory, "package-lock.json");
        return !File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(locked);
    }
}
