using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using Ziggie.Backend.Quotas;

namespace Ziggie.Backend.Auth;

/// <summary>A user in the <c>users</c> collection. Usernames are stored lower-case: unique regardless of case.</summary>
public sealed record UserDocument
{
    [BsonId]
    public ObjectId Id { get; init; } = ObjectId.GenerateNewId();

    [BsonElement("username")]
    public required string Username { get; init; }

    [BsonElement("email"), BsonIgnoreIfNull]
    public string? Email { get; init; }

    [BsonElement("full_name"), BsonIgnoreIfNull]
    public string? FullName { get; init; }

    [BsonElement("role")]
    public required string Role { get; init; }

    [BsonElement("is_active")]
    public bool IsActive { get; init; } = true;

    [BsonElement("password_hash")]
    public required string PasswordHash { get; init; }

    [BsonElement("created_at")]
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    [BsonElement("last_login"), BsonIgnoreIfNull]
    public DateTime? LastLogin { get; init; }

    /// <summary>The user's own daily quota, replacing their role's default; null: the role's default applies.</summary>
    [BsonElement("quota"), BsonIgnoreIfNull]
    public QuotaLimit? Quota { get; init; }

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();
}
