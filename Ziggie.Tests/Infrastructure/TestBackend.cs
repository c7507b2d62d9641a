using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Data;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Usage;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// The real backend on real Kestrel (loopback, free port) in front of a fresh fake Ollama, with
/// in-memory stores that fail like an unreachable MongoDB while <see cref="Mongo"/> is off. <see cref="Client"/> is signed
/// in as an ordinary user; <see cref="Anonymous"/> is not signed in.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    public const string UnreachableMongoUri = "mongodb://127.0.0.1:1/ziggie";
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hs256-0123456789";
    public const string AdminPassword = "admin-password-for-tests";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly List<HttpClient> _clients = [];

    private TestBackend(FakeOllama ollama, WebApplicationFactory<Program> factory, MongoSwitch mongo,
        InMemoryUserStore users, InMemoryConversationStore conversations, InMemoryGenerationLog generations, CapturedLogs logs,
        InMemoryApiKeyStore keys, InMemoryQuotaCounters quotas)
    {
        Keys = keys;
        Quotas = quotas;
        Ollama = ollama;
        Logs = logs;
        Mongo = mongo;
        Users = users;
        Conversations = conversations;
        Generations = generations;
        _factory = factory;
        _factory.UseKestrel();
        _factory.StartServer();
        Anonymous = NewClient();
        Client = ClientFor(Roles.User, "tester");
    }

    public FakeOllama Ollama { get; }
    public HttpClient Client { get; }
    public HttpClient Anonymous { get; }

    /// <summary>A client signed in as an admin (made on first use).</summary>
    public HttpClient Admin => _admin ??= ClientFor(Roles.Admin, "root");
    private HttpClient? _admin;
    /// <summary>Turns the stores' MongoDB off and on while the backend runs.</summary>
    public MongoSwitch Mongo { get; }
    public InMemoryUserStore Users { get; }
    public InMemoryConversationStore Conversations { get; }
    public InMemoryGenerationLog Generations { get; }
    public InMemoryApiKeyStore Keys { get; }
    public InMemoryQuotaCounters Quotas { get; }
    public IServiceProvider Services => _factory.Services;

    /// <summary>What the backend logged (at the levels its configuration lets through).</summary>
    public CapturedLogs Logs { get; }

    /// <param name="settings">Backend configuration on top of what the AppHost would inject, e.g. short timeouts.</param>
    public static Task<TestBackend> StartAsync(params (string Key, string Value)[] settings) => StartAsync(mongoDown: false, settings);

    /// <summary>A backend whose stores fail as the driver does when MongoDB is down.</summary>
    public static Task<TestBackend> StartWithMongoDownAsync(params (string Key, string Value)[] settings) => StartAsync(mongoDown: true, settings);

    /// <summary>A backend with services replaced after the stores, e.g. one that fails in a way nothing handles.</summary>
    public static Task<TestBackend> StartWithServicesAsync(Action<IServiceCollection> services, params (string Key, string Value)[] settings) =>
        StartAsync(mongoDown: false, settings, services);

    private static async Task<TestBackend> StartAsync(bool mongoDown, (string Key, string Value)[] settings, Action<IServiceCollection>? replace = null)
    {
        var ollama = await FakeOllama.StartAsync(TestContext.Current.CancellationToken);
        var mongo = new MongoSwitch { IsAvailable = !mongoDown };
        var (users, conversations, generations) = (new InMemoryUserStore(mongo), new InMemoryConversationStore(mongo), new InMemoryGenerationLog(mongo));
        var (keys, quotas) = (new InMemoryApiKeyStore(mongo), new InMemoryQuotaCounters(mongo));
        var logs = new CapturedLogs();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:ollama", $"Endpoint={ollama.BaseAddress}");
            web.UseSetting("ConnectionStrings:ziggiedb", UnreachableMongoUri);
            web.UseSetting("Ziggie:Jwt:SigningKey", SigningKey);
            web.UseSetting("Ziggie:Admin:Password", AdminPassword);
            web.UseSetting("urls", "http://127.0.0.1:0");
            // Every status call asks Ollama afresh, so tests that stop and start the fake see it at once.
            web.UseSetting("Ziggie:Llm:StatusCacheDuration", "00:00:00");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:LogLevel:Ziggie.Backend.Data", "Error");
            web.UseSetting("Logging:LogLevel:Ziggie.Backend.Auth.AdminBootstrap", "Error");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.AddProvider(logs));
            web.ConfigureTestServices(services =>
            {
                // The real hasher with one PBKDF2 round instead of 100,000: the three hashes of a start (the bootstrap
                // admin, Client, Admin) were most of a backend's start-up CPU across some 300 starts. Hashes keep the
                // format and verify as in production; Auth.PasswordHashingTests checks the product's own work factor.
                services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1);
                services.AddSingleton<IDatabaseStatus>(mongo);
                services.AddSingleton<IUserStore>(users);
                services.AddSingleton<IConversationStore>(conversations);
                services.AddSingleton<IGenerationLog>(generations);
                services.AddSingleton<IApiKeyStore>(keys);
                services.AddSingleton<IQuotaCounters>(quotas);
                replace?.Invoke(services);
            });
        });
        return new TestBackend(ollama, factory, mongo, users, conversations, generations, logs, keys, quotas);
    }

    /// <summary>A client signed in as a user of that role, stored in the user store (when MongoDB is "up").</summary>
    public HttpClient ClientFor(string role, string? username = null)
    {
        var user = new UserDocument { Username = username ?? $"{role}-{Guid.NewGuid():N}"[..20], Role = role, PasswordHash = "" };
        user = user with { PasswordHash = Services.GetRequiredService<IPasswordHasher<UserDocument>>().HashPassword(user, "a-long-test-password") };
        Users.Add(user);
        return ClientWithToken(Services.GetRequiredService<TokenService>().Issue(user).AccessToken);
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private HttpClient NewClient()
    {
        var client = _factory.CreateClient();
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _factory.DisposeAsync();
        await Ollama.DisposeAsync();
    }
}
