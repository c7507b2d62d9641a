using MongoDB.Bson;

namespace Ziggie.Backend.Conversations;

/// <summary>
/// A user's chats. Every read and change takes the owner's id: another user's conversation is
/// simply not found. Methods throw the driver's exceptions when MongoDB is unreachable.
/// </summary>
public interface IConversationStore
{
    Task<IReadOnlyList<ConversationDocument>> ListAsync(ObjectId userId, CancellationToken cancellationToken);
    Task CreateAsync(ConversationDocument conversation, CancellationToken cancellationToken);
    Task<ConversationDocument?> GetAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken);
    Task<IReadOnlyList<MessageDocument>> GetMessagesAsync(ObjectId conversationId, CancellationToken cancellationToken);
    Task<ConversationDocument?> RenameAsync(ObjectId userId, ObjectId id, string title, CancellationToken cancellationToken);

    /// <summary>Deletes the conversation and its messages; false when the user has no such conversation.</summary>
    Task<bool> DeleteAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken);

    /// <summary>Adds a message and moves the conversation's updated time and count.</summary>
    Task AppendAsync(MessageDocument message, CancellationToken cancellationToken);
}
