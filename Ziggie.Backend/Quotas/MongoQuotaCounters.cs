using MongoDB.Bson;
using MongoDB.Driver;

namespace Ziggie.Backend.Quotas;

public sealed class MongoQuotaCounters(IMongoDatabase database) : IQuotaCounters
{
    public const string CollectionName = "quota_days";

    private readonly IMongoCollection<QuotaDayDocument> _days = database.GetCollection<QuotaDayDocument>(CollectionName);

    public static CreateIndexModel<QuotaDayDocument> UniqueUserDay { get; } = new(
        Builders<QuotaDayDocument>.IndexKeys.Ascending(d => d.UserId).Ascending(d => d.Day), new CreateIndexOptions { Unique = true, Name = "user_day_unique" });

    public static FilterDefinition<QuotaDayDocument> Of(ObjectId userId, string day) =>
        Builders<QuotaDayDocument>.Filter.Eq(d => d.UserId, userId) & Builders<QuotaDayDocument>.Filter.Eq(d => d.Day, day);

    /// <summary>
    /// <c>$inc</c>, so replicas adding at once never lose each other's counts. Two first calls of a day upserting at
    /// once: the server retries the losing upsert itself, because the filter is equality on the unique index's fields.
    /// </summary>
    public static UpdateDefinition<QuotaDayDocument> Added(long tokens, long requests) =>
        Builders<QuotaDayDocument>.Update.Inc(d => d.Tokens, tokens).Inc(d => d.Requests, requests);

    public async Task<QuotaCount> ReadAsync(ObjectId userId, string day, CancellationToken cancellationToken) =>
        await _days.Find(Of(userId, day)).FirstOrDefaultAsync(cancellationToken) is { } found ? new QuotaCount(found.Tokens, found.Requests) : default;

    public async Task<QuotaCount> AddAsync(ObjectId userId, string day, long tokens, long requests, CancellationToken cancellationToken)
    {
        var after = await _days.FindOneAndUpdateAsync(Of(userId, day), Added(tokens, requests),
            new FindOneAndUpdateOptions<QuotaDayDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After }, cancellationToken);
        return new QuotaCount(after.Tokens, after.Requests);
    }
}
