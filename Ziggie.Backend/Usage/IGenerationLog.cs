using MongoDB.Bson;

namespace Ziggie.Backend.Usage;

/// <summary>The <c>generations</c> log. Methods throw the driver's exceptions when MongoDB is unreachable.</summary>
public interface IGenerationLog
{
    Task RecordAsync(GenerationDocument generation, CancellationToken cancellationToken);

    /// <summary>Sums per model, of one user or (null) of everyone.</summary>
    Task<IReadOnlyList<ModelUsage>> SummarizeAsync(ObjectId? userId, CancellationToken cancellationToken);
}

public sealed record ModelUsage(string Model, long Requests, long Completed, long Interrupted, long Failed, long PromptTokens, long CompletionTokens, double DurationMs);
