using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MongoDB.Bson;

namespace Ziggie.Backend.Security;

/// <summary>
/// Counts each user's running generate and chat calls, so one user cannot hold the GPU with many
/// streams at once. A slot is taken for the whole call and given back when it ends, however it ends.
/// </summary>
public sealed class GenerationSlots(IOptions<LimitOptions> options)
{
    readonly ConcurrentDictionary<ObjectId, int> running = new();

    public int Limit => options.Value.ConcurrentGenerationsPerUser;

    /// <summary>A slot to dispose when the call ends, or null when the user has all their slots in use.</summary>
    public IDisposable? TryTake(ObjectId user)
    {
        var now = running.AddOrUpdate(user, 1, (_, count) => count + 1);
        if (now <= Limit)
        {
            return new Slot(this, user);
        }

        Release(user);
        return null;
    }

    void Release(ObjectId user)
    {
        if (running.AddOrUpdate(user, 0, (_, count) => count - 1) <= 0)
        {
            running.TryRemove(KeyValuePair.Create(user, 0));
        }
    }

    sealed class Slot(GenerationSlots owner, ObjectId user) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) owner.Release(user);
        }
    }
}
