using StackExchange.Redis;

namespace Ziggie.Backend.Shared;

/// <summary>
/// Where the state that replicas must agree on lives: Redis when <c>ConnectionStrings:cache</c> is configured
/// ("shared"), else this process ("local", right for one instance only). The limits, slots, pulls in progress and
/// cache invalidations each ask <see cref="Redis"/>; null means keep it in process.
/// </summary>
public sealed class SharedStore : IDisposable
{
    public const string ConnectionName = "cache";
    public const string ConnectionKey = $"ConnectionStrings:{ConnectionName}";
    public const string SharedMode = "shared";
    public const string LocalMode = "local";

    /// <summary>Every key Ziggie writes starts with this, so a Redis shared with other apps stays readable.</summary>
    public const string KeyPrefix = "ziggie:";

    private readonly Lazy<ConnectionMultiplexer>? _connection;

    public SharedStore(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ConnectionName) is not { Length: > 0 } connectionString) return;

        var options = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is away (it reconnects by itself), and refuse at once instead of queueing while it
        // is: a limit check must answer "Redis is unavailable" now, not after the 5 s command timeout.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2_000;
        Endpoint = string.Join(",", options.EndPoints.Select(Format));
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    /// <summary><see cref="SharedMode"/> or <see cref="LocalMode"/>.</summary>
    public string Mode => _connection is null ? LocalMode : SharedMode;

    /// <summary>Redis's host:port list, without the password or other options; null in local mode.</summary>
    public string? Endpoint { get; }

    /// <summary>The Redis connection, or null in local mode. Connects on first use.</summary>
    public IConnectionMultiplexer? Redis => _connection?.Value;

    public SharedStateInfo Describe() => new(Mode, Endpoint);

    public void Dispose()
    {
        if (_connection is { IsValueCreated: true }) _connection.Value.Dispose();
    }

    private static string Format(System.Net.EndPoint endpoint) => endpoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        System.Net.IPEndPoint ip => ip.ToString(),
        _ => endpoint.ToString() ?? "",
    };
}

/// <summary>Which mode this instance is in (<c>shared</c> in Redis or <c>local</c> to the process), and the Redis it uses.</summary>
public sealed record SharedStateInfo(string Mode, string? Store);
