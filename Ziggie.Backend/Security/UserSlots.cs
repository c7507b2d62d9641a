using System.Collections.Concurrent;
using MongoDB.Bson;
using StackExchange.Redis;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Security;

/// <summary>
/// Something each user may hold a few of at once; a slot is given back when disposed, however the holder ends.
/// Counted in this process, or across all replicas in Redis (<see cref="SlotLeases"/>) when the store is shared.
/// </summary>
public abstract class UserSlots(Func<int> limit, string kind, string setting, SharedStore store, SlotLeases leases)
{
    private readonly ConcurrentDictionary<ObjectId, int> _running = new();

    public int Limit => limit();

    /// <summary>A slot to dispose when the call ends, or null when the user has all their slots in use.</summary>
    /// <exception cref="SharedStateUnavailableException">The store is shared and Redis did not answer: the limit fails closed.</exception>
    public async ValueTask<IDisposable?> TryTakeAsync(ObjectId user)
    {
        if (store.Redis is null) return TryTakeHere(user);
        try
        {
            return await leases.TryTakeAsync($"slots:{kind}:{user}", Limit);
        }
        catch (RedisException ex)
        {
            throw new SharedStateUnavailableException($"the {setting} limit", ex);
        }
    }

    private Slot? TryTakeHere(ObjectId user)
    {
        var now = _running.AddOrUpdate(user, 1, (_, count) => count + 1);
        if (now <= Limit)
        {
            return new Slot(this, user);
        }

        Release(user);
        return null;
    }

    private void Release(ObjectId user)
    {
        if (_running.AddOrUpdate(user, 0, (_, count) => count - 1) <= 0)
        {
            _running.TryRemove(KeyValuePair.Create(user, 0));
        }
    }

    private sealed class Slot(UserSlots owner, ObjectId user) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(user);
        }
    }
}
