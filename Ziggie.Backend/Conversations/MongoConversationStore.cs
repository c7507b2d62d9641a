using MongoDB.Bson;
using MongoDB.Driver;

namespace Ziggie.Backend.Conversations;

public sealed class MongoConversationStore(IMongoDatabase database) : IConversationStore
{
    public const string ConversationsCollection = "conversations";
    public const string MessagesCollection = "messages";

    readonly IMongoCollection<ConversationDocument> conversations = database.GetCollection<ConversationDocument>(ConversationsCollection);
    readonly IMongoCollection<MessageDocument> messages = database.GetCollection<MessageDocument>(MessagesCollection);

    public static FilterDefinition<ConversationDocument> Owned(ObjectId userId, ObjectId id) =>
        Builders<ConversationDocument>.Filter.Eq(c => c.Id, id) & Builders<ConversationDocument>.Filter.Eq(c => c.UserId, userId);

    public static UpdateDefinition<ConversationDocument> Appended(DateTime when) =>
        Builders<ConversationDocument>.Update.Inc(c => c.MessageCount, 1).Max(c => c.UpdatedAt, when);

    public async Task<IReadOnlyList<ConversationDocument>> ListAsync(ObjectId userId, CancellationToken cancellationToken) =>
        await conversations.Find(c => c.UserId == userId).SortByDescending(c => c.UpdatedAt).ToListAsync(cancellationToken);

    public Task CreateAsync(ConversationDocument conversation, CancellationToken cancellationToken) =>
        conversations.InsertOneAsync(conversation, cancellationToken: cancellationToken);

    public async Task<ConversationDocument?> GetAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken) =>
        await conversations.Find(Owned(userId, id)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<MessageDocument>> GetMessagesAsync(ObjectId conversationId, CancellationToken cancellationToken) =>
        await messages.Find(m => m.ConversationId == conversationId).SortBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);

    public async Task<ConversationDocument?> RenameAsync(ObjectId userId, ObjectId id, string title, CancellationToken cancellationToken) =>
        await conversations.FindOneAndUpdateAsync(
            Owned(userId, id),
            Builders<ConversationDocument>.Update.Set(c => c.Title, title),
            new FindOneAndUpdateOptions<ConversationDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);

    public async Task<bool> DeleteAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken)
    {
        if ((await conversations.DeleteOneAsync(Owned(userId, id), cancellationToken)).DeletedCount == 0)
        {
            return false;
        }

        await messages.DeleteManyAsync(m => m.ConversationId == id, cancellationToken);
        return true;
    }

    public async Task AppendAsync(MessageDocument message, CancellationToken cancellationToken)
    {
        await messages.InsertOneAsync(message, cancellationToken: cancellationToken);
        await conversations.UpdateOneAsync(c => c.Id == message.ConversationId, Appended(message.CreatedAt), cancellationToken: cancellationToken);
    }
}
