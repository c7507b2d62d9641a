namespace Ziggie.Backend.Shared;

/// <summary>
/// Redis is configured but did not answer a limit check. Limits fail closed: the request is refused (503) rather
/// than let past a limit the replicas could not agree on.
/// </summary>
/// <param name="limit">The limit that could not be checked, with its setting, e.g. "the Ziggie:Limits:LoginsPerMinute limit".</param>
public sealed class SharedStateUnavailableException(string limit, Exception inner)
    // StackExchange.Redis appends a long diagnostic dump after the first ';': the log line keeps the reason only.
    : Exception($"Redis did not answer while checking {limit}: {inner.Message.Split(';', 2)[0]}", inner)
{
    public string Limit { get; } = limit;
}
