using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Ziggie.Bench.Servers;

/// <summary>
/// The thinnest proxy there is: YARP forwarding every path to the fake Ollama, nothing else in the pipeline,
/// logging at Warning. Kestrel and YARP write each chunk as it is read, so NDJSON streams through.
/// </summary>
public sealed class YarpServer(WebApplication app) : IBenchServer
{
    public Uri Url { get; } = new(app.Urls.First());

    public static async Task<IBenchServer> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "ollama", Match = new RouteMatch { Path = "{**path}" } }],
            [new ClusterConfig
            {
                ClusterId = "ollama",
                Destinations = new Dictionary<string, DestinationConfig> { ["fake"] = new() { Address = settings["upstream"] } },
            }]);

        var app = builder.Build();
        // A no-op on Kestrel, which does not buffer responses; said anyway, as a proxy in front of streams must.
        app.Use((http, next) =>
        {
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            return next(http);
        });
        app.MapReverseProxy();
        await app.StartAsync();
        return new YarpServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
