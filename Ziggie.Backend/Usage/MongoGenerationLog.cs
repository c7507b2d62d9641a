using MongoDB.Bson;
using MongoDB.Driver;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Usage;

public sealed class MongoGenerationLog(IMongoDatabase database) : IGenerationLog
{
    public const string CollectionName = "generations";

    private readonly IMongoCollection<GenerationDocument> _generations = database.GetCollection<GenerationDocument>(CollectionName);

    public Task RecordAsync(GenerationDocument generation, CancellationToken cancellationToken) =>
        _generations.InsertOneAsync(generation, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<ModelUsage>> SummarizeAsync(ObjectId? userId, CancellationToken cancellationToken) =>
        await Summary(_generations.Aggregate(), userId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<KeyUsage>> SummarizeByKeyAsync(ObjectId? userId, CancellationToken cancellationToken) =>
        await ByKey(_generations.Aggregate(), userId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<UserUsage>> SummarizeByUserAsync(CancellationToken cancellationToken) =>
        await ByUser(_generations.Aggregate()).ToListAsync(cancellationToken);

    /// <summary>Per key and user (a key belongs to one user; the user splits the calls made without a key).</summary>
    public static IAggregateFluent<KeyUsage> ByKey(IAggregateFluent<GenerationDocument> source, ObjectId? userId) =>
        (userId is { } id ? source.Match(g => g.UserId == id) : source)
            .Group(g => new { g.UserId, g.ApiKeyId }, g => new KeyUsage(
                g.Key.ApiKeyId,
                g.Last().ApiKeyName,
                g.Key.UserId,
                g.Last().Username,
                g.LongCount(),
                g.Sum(x => (long)(x.PromptTokens ?? 0)),
                g.Sum(x => (long)(x.CompletionTokens ?? 0))));

    public static IAggregateFluent<UserUsage> ByUser(IAggregateFluent<GenerationDocument> source) =>
        source.Group(g => g.UserId, g => new UserUsage(
                g.Key,
                g.Last().Username,
                g.LongCount(),
                g.Sum(x => (long)(x.PromptTokens ?? 0)),
                g.Sum(x => (long)(x.CompletionTokens ?? 0))))
            .SortBy(u => u.Username);

    /// <summary>The aggregation, public so its shape can be checked without a server.</summary>
    public static IAggregateFluent<ModelUsage> Summary(IAggregateFluent<GenerationDocument> source, ObjectId? userId) =>
        (userId is { } id ? source.Match(g => g.UserId == id) : source)
            .Group(g => g.Model, g => new ModelUsage(
                g.Key,
                g.LongCount(),
                g.Sum(x => x.Outcome == CallResult.Completed ? 1L : 0L),
                g.Sum(x => x.Outcome == CallResult.Interrupted ? 1L : 0L),
                g.Sum(x => x.Outcome == CallResult.Failed ? 1L : 0L),
                g.Sum(x => (long)(x.PromptTokens ?? 0)),
                g.Sum(x => (long)(x.CompletionTokens ?? 0)),
                g.Sum(x => x.DurationMs)))
            .SortBy(u => u.Model);
}
