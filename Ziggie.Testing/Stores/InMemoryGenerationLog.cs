using System.Collections.Concurrent;
using MongoDB.Bson;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Usage;

namespace Ziggie.Testing.Stores;

/// <summary>Behaves like <see cref="MongoGenerationLog"/>; its summary is the aggregation done in LINQ.</summary>
public sealed class InMemoryGenerationLog(MongoSwitch mongo) : IGenerationLog
{
    private readonly ConcurrentQueue<GenerationDocument> _entries = new();
    private readonly TaskCompletionSource _firstEntry = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<GenerationDocument> Entries => _entries.ToList();
    public Task FirstEntry => _firstEntry.Task;

    public Task RecordAsync(GenerationDocument generation, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        _entries.Enqueue(generation);
        _firstEntry.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ModelUsage>> SummarizeAsync(ObjectId? userId, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<ModelUsage>>(_entries
            .Where(g => userId is null || g.UserId == userId)
            .GroupBy(g => g.Model)
            .Select(g => new ModelUsage(
                g.Key,
                g.LongCount(),
                g.LongCount(x => x.Outcome == CallResult.Completed),
                g.LongCount(x => x.Outcome == CallResult.Interrupted),
                g.LongCount(x => x.Outcome == CallResult.Failed),
                g.Sum(x => (long)(x.PromptTokens ?? 0)),
                g.Sum(x => (long)(x.CompletionTokens ?? 0)),
                g.Sum(x => x.DurationMs)))
            .OrderBy(u => u.Model, StringComparer.Ordinal)
            .ToList());
    }

    public Task<IReadOnlyList<KeyUsage>> SummarizeByKeyAsync(ObjectId? userId, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<KeyUsage>>(_entries
            .Where(g => userId is null || g.UserId == userId)
            .GroupBy(g => (g.UserId, g.ApiKeyId))
            .Select(g => new KeyUsage(g.Key.ApiKeyId, g.Last().ApiKeyName, g.Key.UserId, g.Last().Username, g.LongCount(),
                g.Sum(x => (long)(x.PromptTokens ?? 0)), g.Sum(x => (long)(x.CompletionTokens ?? 0))))
            .ToList());
    }

    public Task<IReadOnlyList<UserUsage>> SummarizeByUserAsync(CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<UserUsage>>(_entries
            .GroupBy(g => g.UserId)
            .Select(g => new UserUsage(g.Key, g.Last().Username, g.LongCount(), g.Sum(x => (long)(x.PromptTokens ?? 0)), g.Sum(x => (long)(x.CompletionTokens ?? 0))))
            .OrderBy(u => u.Username, StringComparer.Ordinal)
            .ToList());
    }
}
