using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Auth.Keys;

/// <summary><c>POST /api/auth/keys</c>: a name to recognise the key by, and when it should stop working (never, without one).</summary>
public sealed record CreateKeyBody([Required, StringLength(64, MinimumLength = 1)] string Name, DateTime? ExpiresAt = null);

/// <summary>A key as listed: never its secret.</summary>
public sealed record ApiKeyView(string Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsed)
{
    public static ApiKeyView From(ApiKeyDocument key) => new(key.Id.ToString(), key.Name, key.Prefix, key.CreatedAt, key.ExpiresAt, key.LastUsed);
}

/// <summary>The answer to a create: the only time <paramref name="Key"/> (the secret) is ever shown.</summary>
public sealed record CreatedKey(string Id, string Name, string Key, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt);
