using MongoDB.Bson;
using MongoDB.Driver;

namespace Ziggie.Backend.Auth.Keys;

public sealed class MongoApiKeyStore(IMongoDatabase database) : IApiKeyStore
{
    public const string CollectionName = "api_keys";

    private readonly IMongoCollection<ApiKeyDocument> _keys = database.GetCollection<ApiKeyDocument>(CollectionName);

    public static CreateIndexModel<ApiKeyDocument> UniqueHash { get; } = new(
        Builders<ApiKeyDocument>.IndexKeys.Ascending(k => k.Hash), new CreateIndexOptions { Unique = true, Name = "hash_unique" });

    public static CreateIndexModel<ApiKeyDocument> ByUser { get; } = new(
        Builders<ApiKeyDocument>.IndexKeys.Ascending(k => k.UserId).Descending(k => k.CreatedAt), new CreateIndexOptions { Name = "user_created" });

    public static FilterDefinition<ApiKeyDocument> WithHash(string hash) => Builders<ApiKeyDocument>.Filter.Eq(k => k.Hash, hash);

    public static FilterDefinition<ApiKeyDocument> OfUser(ObjectId userId) => Builders<ApiKeyDocument>.Filter.Eq(k => k.UserId, userId);

    /// <summary>Never moves last_used back: two replicas writing at once leave the later time.</summary>
    public static UpdateDefinition<ApiKeyDocument> LastUsedUpdate(DateTime when) => Builders<ApiKeyDocument>.Update.Max(k => k.LastUsed, when);

    public Task CreateAsync(ApiKeyDocument key, CancellationToken cancellationToken) =>
        _keys.InsertOneAsync(key, cancellationToken: cancellationToken);

    public async Task<ApiKeyDocument?> FindByHashAsync(string hash, CancellationToken cancellationToken) =>
        await _keys.Find(WithHash(hash)).FirstOrDefaultAsync(cancellationToken);

    public async Task<ApiKeyDocument?> FindByIdAsync(ObjectId id, CancellationToken cancellationToken) =>
        await _keys.Find(k => k.Id == id).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ApiKeyDocument>> ListByUserAsync(ObjectId userId, CancellationToken cancellationToken) =>
        await _keys.Find(OfUser(userId)).SortByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    public async Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken) =>
        (await _keys.DeleteOneAsync(k => k.Id == id, cancellationToken)).DeletedCount == 1;

    public Task SetLastUsedAsync(ObjectId id, DateTime when, CancellationToken cancellationToken) =>
        _keys.UpdateOneAsync(k => k.Id == id, LastUsedUpdate(when), cancellationToken: cancellationToken);
}
