using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Ziggie.Backend.Shared;

/// <summary>
/// "This cached answer is stale" told to every replica: an admin deactivating a user, a pull or delete changing the
/// model list. Applied here at once; with a shared store also published in Redis, where the other replicas hear it.
/// When Redis is away the message is lost and the other replicas' entries run out on their own (each cache's expiry).
/// </summary>
public sealed class SharedInvalidation(SharedStore store, ILogger<SharedInvalidation> logger)
{
    private readonly ConcurrentDictionary<string, Action<string>> _handlers = new();

    /// <summary>Calls <paramref name="forget"/> with the key of every <paramref name="topic"/> message, from this replica or another.</summary>
    public void Subscribe(string topic, Action<string> forget)
    {
        if (!_handlers.TryAdd(topic, forget)) throw new InvalidOperationException($"'{topic}' already has a handler.");
        if (store.Redis is not { } redis) return;
        try
        {
            redis.GetSubscriber().Subscribe(Channel(topic), (_, key) => forget(key.ToString()), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            // The multiplexer subscribes again when it reconnects.
            logger.LogWarning("Could not subscribe to {Topic} in Redis yet: {Reason}", topic, ex.Message);
        }
    }

    public void Publish(string topic, string key)
    {
        if (_handlers.TryGetValue(topic, out var forget)) forget(key);
        if (store.Redis is not { } redis) return;
        try
        {
            redis.GetSubscriber().Publish(Channel(topic), key, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Could not tell the other replicas to forget {Topic} {Key}; their copies expire on their own: {Reason}", topic, key, ex.Message);
        }
    }

    private static RedisChannel Channel(string topic) => RedisChannel.Literal($"{SharedStore.KeyPrefix}forget:{topic}");
}
