using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Ziggie.Tests.Fakes;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// The real backend on real Kestrel (loopback, free port) in front of a fresh fake Ollama. MongoDB
/// points at a port where nothing listens, as when the database is down.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    public const string UnreachableMongo = "mongodb://127.0.0.1:1/ziggie";

    readonly WebApplicationFactory<Program> factory;

    TestBackend(FakeOllama ollama, WebApplicationFactory<Program> factory)
    {
        Ollama = ollama;
        this.factory = factory;
        factory.UseKestrel();
        factory.StartServer();
        Client = factory.CreateClient();
    }

    public FakeOllama Ollama { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => factory.Services;

    /// <param name="settings">Backend configuration on top of the two connection strings, e.g. short timeouts.</param>
    public static Task<TestBackend> StartAsync(params (string Key, string Value)[] settings) => StartAsync(_ => { }, settings);

    /// <param name="configure">More host configuration, e.g. a logger provider that captures the logs.</param>
    /// <param name="settings">Backend configuration on top of the two connection strings, e.g. short timeouts.</param>
    public static async Task<TestBackend> StartAsync(Action<IWebHostBuilder> configure, params (string Key, string Value)[] settings)
    {
        var ollama = await FakeOllama.StartAsync(TestContext.Current.CancellationToken);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:ollama", $"Endpoint={ollama.BaseAddress}");
            web.UseSetting("ConnectionStrings:ziggiedb", UnreachableMongo);
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            configure(web);
        });
        return new TestBackend(ollama, factory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        await Ollama.DisposeAsync();
    }
}
