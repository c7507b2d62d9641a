using MongoDB.Driver;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Usage;

namespace Ziggie.Backend.Data;

/// <summary>The indexes the stores' queries rely on. Creating an index that exists is a no-op, so this runs at every start.</summary>
public static class MongoIndexes
{
    public static CreateIndexModel<UserDocument> UniqueUsername { get; } = new(
        Builders<UserDocument>.IndexKeys.Ascending(u => u.Username), new CreateIndexOptions { Unique = true, Name = "username_unique" });

    public static CreateIndexModel<ConversationDocument> ConversationsByUser { get; } = new(
        Builders<ConversationDocument>.IndexKeys.Ascending(c => c.UserId).Descending(c => c.UpdatedAt), new CreateIndexOptions { Name = "user_updated" });

    public static CreateIndexModel<MessageDocument> MessagesByConversation { get; } = new(
        Builders<MessageDocument>.IndexKeys.Ascending(m => m.ConversationId).Ascending(m => m.CreatedAt), new CreateIndexOptions { Name = "conversation_created" });

    public static CreateIndexModel<GenerationDocument> GenerationsByUser { get; } = new(
        Builders<GenerationDocument>.IndexKeys.Ascending(g => g.UserId).Descending(g => g.CreatedAt), new CreateIndexOptions { Name = "user_created" });

    public static async Task CreateAllAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        await database.GetCollection<UserDocument>(MongoUserStore.CollectionName).Indexes.CreateOneAsync(UniqueUsername, cancellationToken: cancellationToken);
        await database.GetCollection<ConversationDocument>(MongoConversationStore.ConversationsCollection).Indexes.CreateOneAsync(ConversationsByUser, cancellationToken: cancellationToken);
        await database.GetCollection<MessageDocument>(MongoConversationStore.MessagesCollection).Indexes.CreateOneAsync(MessagesByConversation, cancellationToken: cancellationToken);
        await database.GetCollection<GenerationDocument>(MongoGenerationLog.CollectionName).Indexes.CreateOneAsync(GenerationsByUser, cancellationToken: cancellationToken);
        await database.GetCollection<ApiKeyDocument>(MongoApiKeyStore.CollectionName).Indexes.CreateManyAsync([MongoApiKeyStore.UniqueHash, MongoApiKeyStore.ByUser], cancellationToken);
        await database.GetCollection<QuotaDayDocument>(MongoQuotaCounters.CollectionName).Indexes.CreateOneAsync(MongoQuotaCounters.UniqueUserDay, cancellationToken: cancellationToken);
    }
}
