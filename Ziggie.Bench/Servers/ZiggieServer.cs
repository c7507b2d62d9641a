using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Data;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Usage;
using Ziggie.Testing.Stores;

namespace Ziggie.Bench.Servers;

/// <summary>
/// The real backend (its Program, middleware, auth, rate limits, relay and usage log) on real Kestrel, as the
/// tests start it: only the MongoDB stores are the in-memory doubles, since no MongoDB runs here. Each
/// stream's usage entry is still written, as it is in production. Limits are raised so the load is measured,
/// not refused.
/// </summary>
public sealed class ZiggieServer(WebApplicationFactory<Program> factory, string token) : IBenchServer
{
    public Uri Url { get; } = new(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public string? Token => token;

    public static Task<IBenchServer> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var mongo = new MongoSwitch();
        var users = new InMemoryUserStore(mongo);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseSetting("ConnectionStrings:ollama", $"Endpoint={settings["upstream"]}");
            // The several-nodes run: a second Ollama node, as the AppHost would inject it.
            if (settings.TryGetValue("upstream-1", out var second)) web.UseSetting("ConnectionStrings:ollama-1", $"Endpoint={second}");
            // Each node's OLLAMA_NUM_PARALLEL, told to the router as an operator would.
            if (settings.TryGetValue("node-parallel", out var parallel)) web.UseSetting("Ziggie:Routing:NodeParallel", parallel);
            web.UseSetting("ConnectionStrings:ziggiedb", "mongodb://127.0.0.1:1/ziggie"); // never reached: the stores below stand in
            web.UseSetting("Ziggie:Jwt:SigningKey", Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
            web.UseSetting("Ziggie:Admin:Password", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            web.UseSetting("Ziggie:Limits:GenerationsPerMinute", "100000");
            web.UseSetting("Ziggie:Limits:ConcurrentGenerationsPerUser", "1000");
            // The index initializer and the admin bootstrap retry against the unreachable URI in the background; quietly.
            web.UseSetting("Logging:LogLevel:Ziggie.Backend.Data", "Error");
            web.UseSetting("Logging:LogLevel:Ziggie.Backend.Auth.AdminBootstrap", "Error");
            web.UseSetting("Logging:LogLevel:MongoDB", "Error");
            // --ziggie Key=Value: last, so a measured setting wins over the bench's own.
            foreach (var (key, value) in settings.Where(s => s.Key.StartsWith(BenchOptions.SettingPrefix, StringComparison.Ordinal)))
            {
                web.UseSetting(key[BenchOptions.SettingPrefix.Length..], value);
            }

            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IDatabaseStatus>(mongo);
                services.AddSingleton<IUserStore>(users);
                services.AddSingleton<IConversationStore>(new InMemoryConversationStore(mongo));
                services.AddSingleton<IGenerationLog>(new InMemoryGenerationLog(mongo));
                services.AddSingleton<IApiKeyStore>(new InMemoryApiKeyStore(mongo));
                services.AddSingleton<IQuotaCounters>(new InMemoryQuotaCounters(mongo));
            });
        });
        factory.UseKestrel();
        factory.StartServer();

        var user = new UserDocument { Username = "bench", Role = Roles.User, PasswordHash = "" };
        users.Add(user);
        var token = factory.Services.GetRequiredService<TokenService>().Issue(user).AccessToken;
        return Task.FromResult<IBenchServer>(new ZiggieServer(factory, token));
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
