using Microsoft.Extensions.Caching.Memory;
using MongoDB.Bson;
using Ziggie.Backend.Data;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Auth;

/// <summary>
/// Whether a token's user still exists and is active. A valid signature is not enough: an admin who
/// deactivates or deletes a user shuts them out at once (<see cref="Forget"/>): on every replica when they share
/// Redis, else on this instance and within <see cref="Remember"/> on the others. The answer is cached, so a request
/// costs no database round trip; while MongoDB is down, tokens are trusted until they expire, and generation keeps working.
/// </summary>
public sealed class ActiveUsers
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);

    private const string Topic = "active-user";

    private readonly IUserStore _users;
    private readonly IDatabaseStatus _database;
    private readonly IMemoryCache _cache;
    private readonly SharedInvalidation _invalidation;

    public ActiveUsers(IUserStore users, IDatabaseStatus database, IMemoryCache cache, SharedInvalidation invalidation)
    {
        (_users, _database, _cache, _invalidation) = (users, database, cache, invalidation);
        invalidation.Subscribe(Topic, id =>
        {
            if (ObjectId.TryParse(id, out var user)) cache.Remove(new Key(user));
        });
    }

    /// <summary>Why the user may not use the token, or null when they may.</summary>
    public async Task<string?> WhyRefusedAsync(ObjectId id, CancellationToken cancellationToken)
    {
        if (!_cache.TryGetValue(new Key(id), out string? verdict))
        {
            if (!_database.IsAvailable) return null;
            var user = await _users.FindByIdAsync(id, cancellationToken);
            verdict = user is null ? "the account no longer exists" : user.IsActive ? "" : "the account is deactivated";
            _cache.Set(new Key(id), verdict, Remember);
        }

        return verdict is "" ? null : verdict;
    }

    /// <summary>The user was just read (an API key's first use): their state needs no second read.</summary>
    public void Learn(UserDocument user) => _cache.Set(new Key(user.Id), user.IsActive ? "" : "the account is deactivated", Remember);

    public void Forget(ObjectId id) => _invalidation.Publish(Topic, id.ToString());

    /// <summary>The cache entry of one user's state: a key of its own type, not a string built on every request.</summary>
    private readonly record struct Key(ObjectId Id);
}
