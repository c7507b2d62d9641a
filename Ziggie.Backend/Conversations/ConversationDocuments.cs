using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Ziggie.Backend.Conversations;

/// <summary>A chat in the <c>conversations</c> collection. Its messages are documents of their own,
/// so a long chat never grows one document toward MongoDB's 16 MB limit.</summary>
public sealed record ConversationDocument
{
    [BsonId]
    public ObjectId Id { get; init; } = ObjectId.GenerateNewId();

    [BsonElement("user_id")]
    public required ObjectId UserId { get; init; }

    [BsonElement("title")]
    public required string Title { get; init; }

    [BsonElement("model"), BsonIgnoreIfNull]
    public string? Model { get; init; }

    [BsonElement("created_at")]
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    [BsonElement("updated_at")]
    public DateTime UpdatedAt { get; init; } = DateTime.UtcNow;

    [BsonElement("message_count")]
    public int MessageCount { get; init; }
}

/// <summary>One message in the <c>messages</c> collection.</summary>
public sealed record MessageDocument
{
    [BsonId]
    public ObjectId Id { get; init; } = ObjectId.GenerateNewId();

    [BsonElement("conversation_id")]
    public required ObjectId ConversationId { get; init; }

    [BsonElement("role")]
    public required string Role { get; init; }

    [BsonElement("content")]
    public required string Content { get; init; }

    /// <summary><see cref="MessageStatus"/>: an answer cut short is kept and marked, never dropped.</summary>
    [BsonElement("status")]
    public string Status { get; init; } = MessageStatus.Complete;

    [BsonElement("model"), BsonIgnoreIfNull]
    public string? Model { get; init; }

    [BsonElement("error"), BsonIgnoreIfNull]
    public string? Error { get; init; }

    [BsonElement("created_at")]
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

public static class MessageStatus
{
    public const string Complete = "complete";
    /// <summary>The stream ended early: the caller left, Ollama broke off, or it went silent.</summary>
    public const string Interrupted = "interrupted";
}
