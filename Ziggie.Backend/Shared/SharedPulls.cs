using System.Text.Json;
using StackExchange.Redis;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Shared;

/// <summary>
/// The pulls in progress on every replica, in one Redis hash (field: pull id, value: its progress), so that a pull
/// started through one replica shows on all. Each entry carries its own expiry, renewed as lines arrive: the entry of
/// a replica that crashed mid-pull disappears within <see cref="Keep"/>. Writes are fire-and-forget and at most one
/// per <see cref="WriteEvery"/> per pull (Ollama sends many lines a second); a pull's own replica always shows it.
/// </summary>
public sealed class SharedPulls(SharedStore store, TimeProvider time, ILogger<SharedPulls> logger)
{
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(500);

    private static readonly RedisKey Key = SharedStore.KeyPrefix + "pulls";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsShared => store.Redis is not null;

    public void Publish(string id, PullProgress progress)
    {
        if (store.Redis is not { } redis) return;
        Try(() => redis.GetDatabase().HashSet(Key, id, JsonSerializer.Serialize(new Stored(progress, time.GetUtcNow() + Keep), Json), flags: CommandFlags.FireAndForget));
    }

    public void Remove(string id)
    {
        if (store.Redis is not { } redis) return;
        Try(() => redis.GetDatabase().HashDelete(Key, id, CommandFlags.FireAndForget));
    }

    /// <summary>Every replica's pulls by id, or null when Redis does not answer (the caller shows its own then).</summary>
    public async Task<IReadOnlyDictionary<string, PullProgress>?> ReadAsync()
    {
        if (store.Redis is not { } redis) return null;
        try
        {
            var now = time.GetUtcNow();
            var entries = await redis.GetDatabase().HashGetAllAsync(Key);
            var live = new Dictionary<string, PullProgress>();
            foreach (var entry in entries)
            {
                if (JsonSerializer.Deserialize<Stored>(entry.Value.ToString(), Json) is { } stored && stored.Until > now)
                {
                    live[entry.Name.ToString()] = stored.Progress;
                }
                else
                {
                    redis.GetDatabase().HashDelete(Key, entry.Name, CommandFlags.FireAndForget);
                }
            }

            return live;
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Could not read the other replicas' pulls from Redis: {Reason}", ex.Message);
            return null;
        }
    }

    private void Try(Action write)
    {
        try
        {
            write();
        }
        catch (RedisException ex)
        {
            // Progress is for display: the pull itself goes on, and its own replica still shows it.
            logger.LogDebug("Could not write pull progress to Redis: {Reason}", ex.Message);
        }
    }

    private sealed record Stored(PullProgress Progress, DateTimeOffset Until);
}
