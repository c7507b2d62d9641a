using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Ziggie.Backend.Auth.Keys;

/// <summary>
/// An API key in the <c>api_keys</c> collection. Only the SHA-256 of the secret is kept: the secret has 256 random
/// bits, so a fast hash is enough (nobody can guess their way to it), and a lookup by hash is one indexed read.
/// A revoked key is deleted: nothing can bring it back, and the list shows only keys that work.
/// </summary>
public sealed record ApiKeyDocument
{
    [BsonId]
    public ObjectId Id { get; init; } = ObjectId.GenerateNewId();

    [BsonElement("user_id")]
    public required ObjectId UserId { get; init; }

    [BsonElement("name")]
    public required string Name { get; init; }

    /// <summary>The first characters of the secret (<c>zk_</c> and 8 more), to recognise a key in a list or a config file.</summary>
    [BsonElement("prefix")]
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the whole secret, lower-case hex.</summary>
    [BsonElement("hash")]
    public required string Hash { get; init; }

    [BsonElement("created_at")]
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    [BsonElement("expires_at"), BsonIgnoreIfNull]
    public DateTime? ExpiresAt { get; init; }

    [BsonElement("last_used"), BsonIgnoreIfNull]
    public DateTime? LastUsed { get; init; }
}
