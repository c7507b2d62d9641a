using System.Collections.Concurrent;
using MongoDB.Bson;
using Ziggie.Backend.Quotas;

namespace Ziggie.Testing.Stores;

/// <summary>Behaves like <see cref="MongoQuotaCounters"/>: one counter per user and day, added to atomically, the total returned.</summary>
public sealed class InMemoryQuotaCounters(MongoSwitch mongo) : IQuotaCounters
{
    private readonly ConcurrentDictionary<(ObjectId, string), QuotaCount> _days = new();
    private readonly ConcurrentDictionary<ObjectId, TaskCompletionSource> _added = new();

    public QuotaCount Get(ObjectId userId, string day) => _days.GetValueOrDefault((userId, day));

    /// <summary>Completes when the user's counter is next added to (or at once if it was since the last call).</summary>
    public Task NextAddAsync(ObjectId userId) => Signal(userId).Task;

    public Task<QuotaCount> ReadAsync(ObjectId userId, string day, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult(_days.GetValueOrDefault((userId, day)));
    }

    public Task<QuotaCount> AddAsync(ObjectId userId, string day, long tokens, long requests, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        var total = _days.AddOrUpdate((userId, day), new QuotaCount(tokens, requests), (_, c) => new QuotaCount(c.Tokens + tokens, c.Requests + requests));
        if (_added.TryRemove(userId, out var waiting)) waiting.TrySetResult();
        return Task.FromResult(total);
    }

    /// <summary>Sets a user's day as another replica would have counted it.</summary>
    public void Set(ObjectId userId, string day, QuotaCount count) => _days[(userId, day)] = count;

    private TaskCompletionSource Signal(ObjectId userId) =>
        _added.GetOrAdd(userId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
