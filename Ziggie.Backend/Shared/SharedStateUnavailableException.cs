namespace Ziggie.Backend.Shared;

/// <summary>
/// Redis is configured but did not answer a limit check. Limits fail closed: the request is refused (503) rather
/// than let past a limit the replicas could not agree on.
/// </summary>
/// <param name="limit">The limit that could not be checked, with its setting, e.g. "the sign-in limit (Ziggie:Limits:LoginsPerMinute)".</param>
public sealed class SharedStateUnavailableException(string limit, Exception inner)
    : Exception($"Redis did not answer while checking {limit}: {inner.Message}", inner)
{
    public string Limit { get; } = limit;

    /// <summary>What StackExchange.Redis throws when Redis is down, unreachable, too slow or not ready (loading, read-only).</summary>
    public static bool IsRedisFailure(Exception exception) => exception is StackExchange.Redis.RedisException;
}
