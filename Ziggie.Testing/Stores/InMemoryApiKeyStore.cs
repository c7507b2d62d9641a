using System.Collections.Concurrent;
using MongoDB.Bson;
using Ziggie.Backend.Auth.Keys;

namespace Ziggie.Testing.Stores;

/// <summary>Behaves like <see cref="MongoApiKeyStore"/> over its unique index on the hash; counts reads and writes so tests can see what reaches "MongoDB".</summary>
public sealed class InMemoryApiKeyStore(MongoSwitch mongo) : IApiKeyStore
{
    private readonly ConcurrentDictionary<ObjectId, ApiKeyDocument> _keys = new();
    private int _reads;
    private int _lastUsedWrites;

    /// <summary>Finds by hash or id, and lists: every round trip that reads.</summary>
    public int Reads => Volatile.Read(ref _reads);
    public int LastUsedWrites => Volatile.Read(ref _lastUsedWrites);

    public ApiKeyDocument? Get(ObjectId id) => _keys.GetValueOrDefault(id);

    public Task CreateAsync(ApiKeyDocument key, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        if (_keys.Values.Any(k => k.Hash == key.Hash) || !_keys.TryAdd(key.Id, key)) throw new InvalidOperationException("duplicate key (unique index)");
        return Task.CompletedTask;
    }

    public Task<ApiKeyDocument?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        Read();
        return Task.FromResult(_keys.Values.FirstOrDefault(k => k.Hash == hash));
    }

    public Task<ApiKeyDocument?> FindByIdAsync(ObjectId id, CancellationToken cancellationToken)
    {
        Read();
        return Task.FromResult(_keys.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<ApiKeyDocument>> ListByUserAsync(ObjectId userId, CancellationToken cancellationToken)
    {
        Read();
        return Task.FromResult<IReadOnlyList<ApiKeyDocument>>(_keys.Values.Where(k => k.UserId == userId).OrderByDescending(k => k.CreatedAt).ToList());
    }

    public Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult(_keys.TryRemove(id, out _));
    }

    public Task SetLastUsedAsync(ObjectId id, DateTime when, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        Interlocked.Increment(ref _lastUsedWrites);
        // $max: never moves back.
        _keys.AddOrUpdate(id, _ => throw new KeyNotFoundException(), (_, k) => k.LastUsed >= when ? k : k with { LastUsed = when });
        return Task.CompletedTask;
    }

    private void Read()
    {
        mongo.ThrowIfDown();
        Interlocked.Increment(ref _reads);
    }
}
