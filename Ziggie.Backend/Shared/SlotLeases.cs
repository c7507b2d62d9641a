using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Ziggie.Backend.Shared;

/// <summary>
/// Per-user slots held in Redis as leases, so that all replicas count one user's running calls together. A lease
/// is a member of the user's sorted set scored by its expiry (Redis's clock); this replica renews the leases it holds
/// every <see cref="RenewEvery"/>, so a replica that crashes loses its slots within <see cref="LeaseTime"/> at most.
/// One round trip per take (a script), one per release.
/// </summary>
public sealed class SlotLeases(SharedStore store, ILogger<SlotLeases> logger) : BackgroundService
{
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    // Drops the expired leases, then adds this one if fewer than the limit remain. ARGV: limit, lease id, lease ms.
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now)
        if redis.call('ZCARD', @key) >= tonumber(@limit) then return 0 end
        redis.call('ZADD', @key, now + tonumber(@ms), @lease)
        redis.call('PEXPIRE', @key, @ms)
        return 1
        """);

    // Only a lease still present is extended: one already given back or expired stays gone.
    private static readonly LuaScript Renew = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if redis.call('ZADD', @key, 'XX', 'CH', now + tonumber(@ms), @lease) == 1 then redis.call('PEXPIRE', @key, @ms) end
        return 1
        """);

    private readonly ConcurrentDictionary<Lease, byte> _held = new();

    /// <summary>A lease on one of <paramref name="limit"/> slots of <paramref name="key"/>, or null when all are taken.</summary>
    /// <exception cref="RedisException">Redis did not answer.</exception>
    public async Task<IDisposable?> TryTakeAsync(string key, int limit)
    {
        var lease = new Lease(this, (RedisKey)(SharedStore.KeyPrefix + key), Guid.NewGuid().ToString("N"));
        var taken = (int)await Database.ScriptEvaluateAsync(Take, new { key = lease.Key, limit, lease = lease.Id, ms = (long)LeaseTime.TotalMilliseconds });
        if (taken == 0) return null;
        _held.TryAdd(lease, 0);
        return lease;
    }

    private IDatabase Database => store.Redis?.GetDatabase() ?? throw new InvalidOperationException($"{SharedStore.ConnectionKey} is not configured.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Redis is null) return;
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (_held.IsEmpty) continue;
            try
            {
                await Task.WhenAll(_held.Keys.Select(lease =>
                    Database.ScriptEvaluateAsync(Renew, new { key = lease.Key, lease = lease.Id, ms = (long)LeaseTime.TotalMilliseconds })));
            }
            catch (RedisException ex)
            {
                // The next tick tries again; a lease not renewed in time lapses, which frees a slot rather than keeping one.
                logger.LogWarning("Could not renew {Count} slot leases in Redis: {Reason}", _held.Count, ex.Message);
            }
        }
    }

    private void Release(Lease lease)
    {
        _held.TryRemove(lease, out _);
        try
        {
            // Given back at once when Redis answers; when it does not, the lease lapses by itself within LeaseTime.
            Database.SortedSetRemove(lease.Key, lease.Id, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Could not give a slot back to Redis; it lapses within {LeaseTime}: {Reason}", LeaseTime, ex.Message);
        }
    }

    private sealed class Lease(SlotLeases owner, RedisKey key, string id) : IDisposable
    {
        private int _released;

        public RedisKey Key => key;

        public string Id => id;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(this);
        }
    }
}
