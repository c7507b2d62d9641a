using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Ziggie.Backend.Quotas;

/// <summary>One user's use on one UTC day in <c>quota_days</c>, shared by every replica; unique on user and day.</summary>
public sealed record QuotaDayDocument
{
    [BsonId]
    public ObjectId Id { get; init; } = ObjectId.GenerateNewId();

    [BsonElement("user_id")]
    public required ObjectId UserId { get; init; }

    /// <summary>The UTC day, <c>yyyy-MM-dd</c>.</summary>
    [BsonElement("day")]
    public required string Day { get; init; }

    [BsonElement("tokens")]
    public long Tokens { get; init; }

    [BsonElement("requests")]
    public long Requests { get; init; }
}

/// <summary>What a user used on a day.</summary>
public readonly record struct QuotaCount(long Tokens, long Requests);
