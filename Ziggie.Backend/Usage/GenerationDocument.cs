using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Ziggie.Backend.Usage;

/// <summary>One generate or chat call in the <c>generations</c> collection.</summary>
public sealed record GenerationDocument
{
    [BsonId]
    public ObjectId Id { get; init; } = ObjectId.GenerateNewId();

    [BsonElement("user_id")]
    public required ObjectId UserId { get; init; }

    [BsonElement("username")]
    public required string Username { get; init; }

    /// <summary>The API key the call came with; absent for a signed-in session (JWT).</summary>
    [BsonElement("api_key_id"), BsonIgnoreIfNull]
    public ObjectId? ApiKeyId { get; init; }

    /// <summary>That key's name when the call was made (the key may be revoked later; the log keeps the name).</summary>
    [BsonElement("api_key_name"), BsonIgnoreIfNull]
    public string? ApiKeyName { get; init; }

    [BsonElement("kind")]
    public required string Kind { get; init; }

    [BsonElement("model")]
    public required string Model { get; init; }

    [BsonElement("prompt_chars")]
    public int PromptChars { get; init; }

    [BsonElement("prompt_tokens"), BsonIgnoreIfNull]
    public int? PromptTokens { get; init; }

    [BsonElement("completion_tokens"), BsonIgnoreIfNull]
    public int? CompletionTokens { get; init; }

    [BsonElement("first_token_ms"), BsonIgnoreIfNull]
    public double? FirstTokenMs { get; init; }

    [BsonElement("duration_ms")]
    public double DurationMs { get; init; }

    /// <summary>completed, interrupted (the stream ended early) or failed (no answer at all).</summary>
    [BsonElement("outcome")]
    public required string Outcome { get; init; }

    /// <summary>The Ollama node that answered, by resource name (<c>ollama</c>, <c>ollama-1</c>, …); absent in entries from before nodes.</summary>
    [BsonElement("ollama_node"), BsonIgnoreIfNull]
    public string? OllamaNode { get; init; }

    [BsonElement("error"), BsonIgnoreIfNull]
    public string? Error { get; init; }

    [BsonElement("created_at")]
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}
