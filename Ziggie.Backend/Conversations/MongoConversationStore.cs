using MongoDB.Bson;
using MongoDB.Driver;

namespace Ziggie.Backend.Conversations;

public sealed class MongoConversationStore(IMongoDatabase database) : IConversationStore
{
    public const string ConversationsCollection = "conversations";
    public const string MessagesCollection = "messages";

    private readonly IMongoCollection<ConversationDocument> _conversations = database.GetCollection<ConversationDocument>(ConversationsCollection);
    private readonly IMongoCollection<MessageDocument> _messages = database.GetCollection<MessageDocument>(MessagesCollection);

    public static FilterDefinition<ConversationDocument> Owned(ObjectId userId, ObjectId id) =>
        Builders<ConversationDocument>.Filter.Eq(c => c.Id, id) & Builders<ConversationDocument>.Filter.Eq(c => c.UserId, userId);

    public static UpdateDefinition<ConversationDocument> Appended(DateTime when) =>
        Builders<ConversationDocument>.Update.Inc(c => c.MessageCount, 1).Max(c => c.UpdatedAt, when);

    public async Task<IReadOnlyList<ConversationDocument>> ListAsync(ObjectId userId, CancellationToken cancellationToken) =>
        await _conversations.Find(c => c.UserId == userId).SortByDescending(c => c.UpdatedAt).ToListAsync(cancellationToken);

    public Task CreateAsync(ConversationDocument conversation, CancellationToken cancellationToken) =>
        _conversations.InsertOneAsync(conversation, cancellationToken: cancellationToken);

    public async Task<ConversationDocument?> GetAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken) =>
        await _conversations.Find(Owned(userId, id)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<MessageDocument>> GetMessagesAsync(ObjectId conversationId, CancellationToken cancellationToken) =>
        await _messages.Find(m => m.ConversationId == conversationId).SortBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);

    public async Task<ConversationDocument?> RenameAsync(ObjectId userId, ObjectId id, string title, CancellationToken cancellationToken) =>
        await _conversations.FindOneAndUpdateAsync(
            Owned(userId, id),
            Builders<ConversationDocument>.Update.Set(c => c.Title, title),
            new FindOneAndUpdateOptions<ConversationDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);

    public async Task<bool> DeleteAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken)
    {
        if ((await _conversations.DeleteOneAsync(Owned(userId, id), cancellationToken)).DeletedCount == 0)
        {
            return false;
        }

        await _messages.DeleteManyAsync(m => m.ConversationId == id, cancellationToken);
        return true;
    }

    public async Task AppendAsync(MessageDocument message, CancellationToken cancellationToken)
    {
        await _messages.InsertOneAsync(message, cancellationToken: cancellationToken);
        await _conversations.UpdateOneAsync(c => c.Id == message.ConversationId, Appended(message.CreatedAt), cancellationToken: cancellationToken);
    }
}
