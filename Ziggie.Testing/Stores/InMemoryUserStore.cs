using System.Collections.Concurrent;
using MongoDB.Bson;
using Ziggie.Backend.Auth;

namespace Ziggie.Testing.Stores;

/// <summary>Behaves like <see cref="MongoUserStore"/> over a unique index on the lower-cased username.</summary>
public sealed class InMemoryUserStore(MongoSwitch mongo) : IUserStore
{
    private readonly ConcurrentDictionary<ObjectId, UserDocument> _users = new();
    private readonly Lock _writes = new();
    private readonly ConcurrentDictionary<ObjectId, int> _readsById = new();

    /// <summary>How often the user was read by id: a round trip each, so tests can see what a cache saved.</summary>
    public int ReadsOf(ObjectId id) => _readsById.GetValueOrDefault(id);

    public Task<UserDocument?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult(_users.Values.FirstOrDefault(u => u.Username == UserDocument.Normalize(username)));
    }

    public Task<UserDocument?> FindByIdAsync(ObjectId id, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        _readsById.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.FromResult(_users.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<UserDocument>> ListAsync(CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<UserDocument>>(_users.Values.OrderBy(u => u.Username, StringComparer.Ordinal).ToList());
    }

    public Task CreateAsync(UserDocument user, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        Add(user);
        return Task.CompletedTask;
    }

    /// <exception cref="DuplicateUsernameException">As the unique index would refuse it.</exception>
    public void Add(UserDocument user)
    {
        lock (_writes)
        {
            if (_users.Values.Any(u => u.Username == user.Username)) throw new DuplicateUsernameException(user.Username);
            _users[user.Id] = user;
        }
    }

    public Task<bool> ReplaceAsync(UserDocument user, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (_writes)
        {
            if (!_users.ContainsKey(user.Id)) return Task.FromResult(false);
            _users[user.Id] = user;
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult(_users.TryRemove(id, out _));
    }

    public Task SetLastLoginAsync(ObjectId id, DateTime when, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (_writes)
        {
            if (_users.TryGetValue(id, out var user)) _users[id] = user with { LastLogin = when };
        }

        return Task.CompletedTask;
    }

    public Task<UserStats> CountAsync(CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        var all = _users.Values.ToList();
        return Task.FromResult(new UserStats(all.Count, all.Count(u => u.IsActive),
            all.GroupBy(u => u.Role).ToDictionary(g => g.Key, g => (long)g.Count())));
    }
}
