using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Ziggie.Tests.Deployment;

/// <summary>The front end's nginx configuration, checked by a real nginx (test skipped, with why, when none is installed).</summary>
public class NginxSiteTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Nginx_accepts_the_rendered_template()
    {
        if (NginxSite.Unavailable is { } why) Assert.Skip(why);
        await using var site = await NginxSite.RenderAsync("http://backend:8080", resolver: "127.0.0.11");

        var result = await site.TestConfigAsync().WaitAsync(Timeout, Cancel);

        Assert.True(result is (0, _), result?.Output);
    }

    [Fact]
    public async Task The_site_serves_files_falls_back_to_index_for_routes_404s_a_missing_asset_and_proxies_the_api()
    {
        if (NginxSite.Unavailable is { } why) Assert.Skip(why);
        await using var backend = await StartEchoBackendAsync();
        await using var site = await NginxSite.RenderAsync(backend.Urls.Single());
        await File.WriteAllTextAsync(Path.Combine(site.Root, "index.html"), "<!doctype html><title>Ziggie</title>", Cancel);
        Directory.CreateDirectory(Path.Combine(site.Root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(site.Root, "assets", "index-abc123.js"), "console.log('ziggie')", Cancel);

        using var client = await site.StartAsync().WaitAsync(Timeout, Cancel);

        Assert.Contains("<title>Ziggie</title>", await client.GetStringAsync("/", Cancel).WaitAsync(Timeout, Cancel));
        Assert.Contains("<title>Ziggie</title>", await client.GetStringAsync("/chat/42", Cancel).WaitAsync(Timeout, Cancel));
        Assert.Equal("console.log('ziggie')", await client.GetStringAsync("/assets/index-abc123.js", Cancel).WaitAsync(Timeout, Cancel));
        var missing = await client.GetAsync("/assets/missing.js", Cancel).WaitAsync(Timeout, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The path and query reach the backend unchanged, with the client's address appended for the backend's limits.
        var proxied = await client.GetStringAsync("/api/llm/status?x=1", Cancel).WaitAsync(Timeout, Cancel);
        Assert.Equal("/api/llm/status?x=1 from 127.0.0.1", proxied);
    }

    private static async Task<WebApplication> StartEchoBackendAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/api/{**rest}", (HttpContext c) => $"{c.Request.Path}{c.Request.QueryString} from {c.Request.Headers["X-Forwarded-For"]}");
        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);
        return app;
    }
}
