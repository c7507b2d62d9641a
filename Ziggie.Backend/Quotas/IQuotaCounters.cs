using MongoDB.Bson;

namespace Ziggie.Backend.Quotas;

/// <summary>The <c>quota_days</c> counters. Methods throw the driver's exceptions when MongoDB is unreachable.</summary>
public interface IQuotaCounters
{
    Task<QuotaCount> ReadAsync(ObjectId userId, string day, CancellationToken cancellationToken);

    /// <summary>Adds to the day's counter (creating it) and returns the total across all replicas.</summary>
    Task<QuotaCount> AddAsync(ObjectId userId, string day, long tokens, long requests, CancellationToken cancellationToken);
}
