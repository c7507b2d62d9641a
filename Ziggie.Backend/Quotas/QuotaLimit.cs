using System.ComponentModel.DataAnnotations;
using MongoDB.Bson.Serialization.Attributes;

namespace Ziggie.Backend.Quotas;

/// <summary>
/// How much a user may use per UTC day; null = unlimited. A role's default (<see cref="QuotaOptions"/>), a
/// user's override (stored on the user as <c>quota</c>), and the body of <c>PUT /api/auth/users/{id}/quota</c>.
/// </summary>
public sealed record QuotaLimit
{
    public static readonly QuotaLimit Unlimited = new();

    /// <summary>Prompt plus completion tokens, as Ollama counts them.</summary>
    [BsonElement("tokens_per_day"), BsonIgnoreIfNull, Range(typeof(long), "1", "1000000000000")]
    public long? TokensPerDay { get; set; }

    /// <summary>Generation calls that produced an answer (whole or cut short).</summary>
    [BsonElement("requests_per_day"), BsonIgnoreIfNull, Range(typeof(long), "1", "1000000000")]
    public long? RequestsPerDay { get; set; }
}
