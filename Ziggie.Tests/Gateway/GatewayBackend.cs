using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Gateway;

/// <summary>
/// One backend for a gateway test class: the tests of a class run one after another, each with its own users,
/// and each sets the fake's knobs it needs through <see cref="Fresh"/>. One answer at a time per user, so a
/// second call while one is held shows the concurrency limit in the door's shape.
/// </summary>
public sealed class GatewayBackend : IAsyncLifetime
{
    public TestBackend Ziggie { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Ziggie = await TestBackend.StartAsync(("Ziggie:Limits:ConcurrentGenerationsPerUser", "1"));

    public async ValueTask DisposeAsync() => await Ziggie.DisposeAsync();

    /// <summary>The fake back at its defaults (five quick tokens, no failures), with no requests of earlier tests in its log.</summary>
    public FakeOllama Fresh()
    {
        var fake = Ziggie.Ollama;
        fake.ForgetRequests();
        (fake.TokenCount, fake.TokenDelay, fake.FirstTokenDelay) = (5, TimeSpan.Zero, TimeSpan.Zero);
        (fake.FailStatus, fake.DisconnectAfterChunks) = (null, null);
        return fake;
    }

    /// <summary>A new user of that role and the bearer token it would send (a JWT here; a <c>zk_</c> key goes the same way).</summary>
    public (string Username, string Token) NewUser(string role = Roles.User)
    {
        var username = $"{role}-{Guid.NewGuid():N}"[..20];
        var client = Ziggie.ClientFor(role, username);
        return (username, client.DefaultRequestHeaders.Authorization!.Parameter!);
    }

    /// <summary>An HttpClient for a door, as its clients are set up (<see cref="DoorClients.Http"/>).</summary>
    public HttpClient Door(string prefix, string token) => DoorClients.Http(Ziggie, prefix, token);

    public Uri BaseAddress => Ziggie.Client.BaseAddress!;
}
