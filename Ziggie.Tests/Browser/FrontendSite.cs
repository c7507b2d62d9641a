using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Ziggie.Tests.Browser;

/// <summary>
/// The built front end as the Dockerfile's nginx serves it: static files, every other path falls back
/// to index.html (client-side routes), and /api and /ws proxied, streaming, to the backend.
/// </summary>
public sealed class FrontendSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FrontendSite(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public static async Task<FrontendSite> StartAsync(Uri backend, CancellationToken cancellationToken)
    {
        var dist = await FrontendBuild.EnsureBuiltAsync();
        var files = new PhysicalFileProvider(dist);

        // An empty builder: nothing of the test process's environment (ASPNETCORE_URLS, logging) leaks in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig { RouteId = "api", ClusterId = "backend", Match = new RouteMatch { Path = "/api/{**rest}" } },
                new RouteConfig { RouteId = "ws", ClusterId = "backend", Match = new RouteMatch { Path = "/ws" } },
            ],
            [
                new ClusterConfig
                {
                    ClusterId = "backend",
                    Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = backend.ToString() } },
                },
            ]);

        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapReverseProxy();
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
        await app.StartAsync(cancellationToken);
        return new FrontendSite(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
