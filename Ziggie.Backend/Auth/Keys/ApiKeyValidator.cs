using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using MongoDB.Bson;
using MongoDB.Driver;
using Ziggie.Backend.Data;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Auth.Keys;

/// <summary>
/// Checks an API key's secret. The first use reads the key and its user from MongoDB; after that the answer is
/// held in memory by the secret's hash for <see cref="Remember"/>, so a request costs no database round trip.
/// A revoke, or an admin changing or deleting the user, evicts it at once on this replica and, when the replicas share
/// Redis, on the others too (<see cref="SharedInvalidation"/>); without Redis, or while it is away, the others drop it
/// within <see cref="Remember"/>. The user's account state is checked on every use through
/// <see cref="ActiveUsers"/>, as for a JWT. <c>last_used</c> is written at most once per <see cref="LastUsedEvery"/> per key.
/// </summary>
public sealed class ApiKeyValidator
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan LastUsedEvery = TimeSpan.FromMinutes(1);

    private const string KeyTopic = "api-key";
    private const string UserTopic = "api-key-user";

    private readonly ConcurrentDictionary<ObjectId, CancellationTokenSource> _userEvictions = new();
    private readonly ConcurrentDictionary<ObjectId, DateTime> _lastUsedWritten = new();
    private readonly IApiKeyStore _keys;
    private readonly IUserStore _users;
    private readonly ActiveUsers _active;
    private readonly IDatabaseStatus _database;
    private readonly IMemoryCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiKeyValidator> _logger;
    private readonly SharedInvalidation _invalidation;

    public ApiKeyValidator(
        IApiKeyStore keys, IUserStore users, ActiveUsers active, IDatabaseStatus database, IMemoryCache cache, TimeProvider time,
        ILogger<ApiKeyValidator> logger, SharedInvalidation invalidation)
    {
        (_keys, _users, _active, _database, _cache, _time, _logger, _invalidation) = (keys, users, active, database, cache, time, logger, invalidation);
        invalidation.Subscribe(KeyTopic, hash => cache.Remove(CacheKey(hash)));
        invalidation.Subscribe(UserTopic, id => EvictUser(ObjectId.Parse(id)));
    }

    public async Task<KeyVerdict> ValidateAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(secret);
        if (!_cache.TryGetValue(CacheKey(hash), out ValidKey? key) || key is null)
        {
            if (!_database.IsAvailable)
            {
                return KeyVerdict.Refused("MongoDB is unavailable, so this backend cannot check the API key yet. Try again in a minute; a signed-in session (JWT) keeps working meanwhile.");
            }

            if (await _keys.FindByHashAsync(hash, cancellationToken) is not { } stored)
            {
                return KeyVerdict.Refused("The API key is not known here: it was revoked, or it was mistyped. Create a new key under /api/auth/keys (the \"API keys\" page) and send it as Authorization: Bearer zk_….");
            }

            if (await _users.FindByIdAsync(stored.UserId, cancellationToken) is not { } user)
            {
                return KeyVerdict.Refused("The API key's account no longer exists. Ask an admin for an account and create a new key.");
            }

            _active.Learn(user);
            key = new ValidKey(stored.Id, stored.Name, stored.ExpiresAt, new CurrentUser(user.Id, user.Username, user.Role, stored.Id, stored.Name));
            var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remember };
            options.AddExpirationToken(new CancellationChangeToken(EvictionOf(user.Id).Token));
            _cache.Set(CacheKey(hash), key, options);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (key.ExpiresAt is { } expires && expires <= now)
        {
            return KeyVerdict.Refused($"The API key '{key.Name}' expired at {expires:u}. Create a new key under /api/auth/keys (the \"API keys\" page).");
        }

        if (await _active.WhyRefusedAsync(key.User.Id, cancellationToken) is { } reason)
        {
            return KeyVerdict.Refused($"The API key is valid, but {reason}. Ask an admin to look at the account (admins manage accounts under /api/auth/users).");
        }

        await TouchAsync(key.Id, now);
        return new KeyVerdict(key, null);
    }

    /// <summary>A revoked key stops at once here and on the replicas that share Redis.</summary>
    public void Forget(string hash) => _invalidation.Publish(KeyTopic, hash);

    /// <summary>The user's role changed, or they were deactivated or deleted: their keys are read afresh, on every replica.</summary>
    public void ForgetUser(ObjectId userId) => _invalidation.Publish(UserTopic, userId.ToString());

    private void EvictUser(ObjectId userId)
    {
        if (_userEvictions.TryRemove(userId, out var eviction))
        {
            eviction.Cancel();
            eviction.Dispose();
        }
    }

    private CancellationTokenSource EvictionOf(ObjectId userId) => _userEvictions.GetOrAdd(userId, _ => new CancellationTokenSource());

    private async Task TouchAsync(ObjectId keyId, DateTime now)
    {
        if (_lastUsedWritten.TryGetValue(keyId, out var last) && now - last < LastUsedEvery) return;
        _lastUsedWritten[keyId] = now;
        try
        {
            // Not the request's token: the key was used even if the caller leaves now.
            await _keys.SetLastUsedAsync(keyId, now, CancellationToken.None);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            _logger.LogDebug("The last use of API key {KeyId} was not written: {Reason}", keyId, ex.Message);
        }
    }

    private static string CacheKey(string hash) => $"api-key:{hash}";
}

/// <summary>A key that passed, with the user it acts as.</summary>
public sealed record ValidKey(ObjectId Id, string Name, DateTime? ExpiresAt, CurrentUser User);

/// <summary>Either the key or, worded for the caller, why it was refused.</summary>
public sealed record KeyVerdict(ValidKey? Key, string? Reason)
{
    public static KeyVerdict Refused(string reason) => new(null, reason);
}
