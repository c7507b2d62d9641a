using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ziggie.Tests.Browser;

/// <summary>
/// A blank page on its own origin (another loopback port than the backend's), as an old client served from
/// elsewhere is: whatever it fetches from the backend is a cross-origin request the browser checks.
/// </summary>
public sealed class OtherOriginPage : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtherOriginPage(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    /// <summary>The origin as a browser sends it: scheme, host and port, no trailing slash.</summary>
    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    public static async Task<OtherOriginPage> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGet("/", () => Results.Content("<!doctype html><html><head><title>old client</title></head><body>old client</body></html>", "text/html"));
        await app.StartAsync(cancellationToken);
        return new OtherOriginPage(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
