using Microsoft.Extensions.DependencyInjection;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Quotas;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>
/// Two backend instances as two replicas are: each its own process state and fake Ollama, one Redis database
/// (<c>ConnectionStrings:cache</c>) and one user, key and quota store between them (one MongoDB), so a token from one is good on the other.
/// </summary>
public sealed class TwoReplicas(SharedRedis redis) : IAsyncLifetime
{
    public const int LoginsPerMinute = 3;

    public TestBackend A { get; private set; } = null!;

    public TestBackend B { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = (await redis.GetAsync()).NewDatabase();
        (string, string)[] settings = [("ConnectionStrings:cache", ConnectionString), ("Ziggie:Limits:LoginsPerMinute", $"{LoginsPerMinute}"),
            // The concurrency tests retry while a slot comes back; the per-minute limit must not be what refuses them.
            ("Ziggie:Limits:GenerationsPerMinute", "10000")];
        A = await TestBackend.StartAsync(settings);
        B = await TestBackend.StartWithServicesAsync(services =>
        {
            services.AddSingleton<IUserStore>(A.Users);
            services.AddSingleton<IApiKeyStore>(A.Keys);
            services.AddSingleton<IQuotaCounters>(A.Quotas);
        }, settings);
    }

    /// <summary>A new user of the shared store, signed in on both replicas with one token.</summary>
    public (HttpClient OnA, HttpClient OnB) NewUser(string role = Roles.User)
    {
        var onA = A.ClientFor(role);
        return (onA, B.ClientWithToken(onA.DefaultRequestHeaders.Authorization!.Parameter!));
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
    }
}
