using MongoDB.Bson;

namespace Ziggie.Backend.Usage;

/// <summary>The <c>generations</c> log. Methods throw the driver's exceptions when MongoDB is unreachable.</summary>
public interface IGenerationLog
{
    Task RecordAsync(GenerationDocument generation, CancellationToken cancellationToken);

    /// <summary>Sums per model, of one user or (null) of everyone.</summary>
    Task<IReadOnlyList<ModelUsage>> SummarizeAsync(ObjectId? userId, CancellationToken cancellationToken);

    /// <summary>Sums per API key (a null key: calls made signed in), of one user or (null) of everyone.</summary>
    Task<IReadOnlyList<KeyUsage>> SummarizeByKeyAsync(ObjectId? userId, CancellationToken cancellationToken);

    /// <summary>Sums per user, of everyone.</summary>
    Task<IReadOnlyList<UserUsage>> SummarizeByUserAsync(CancellationToken cancellationToken);
}

/// <param name="KeyId">Null for the calls made without a key (signed in to the control center).</param>
public sealed record KeyUsage(ObjectId? KeyId, string? KeyName, ObjectId UserId, string Username, long Requests, long PromptTokens, long CompletionTokens);

public sealed record UserUsage(ObjectId UserId, string Username, long Requests, long PromptTokens, long CompletionTokens);

public sealed record ModelUsage(string Model, long Requests, long Completed, long Interrupted, long Failed, long PromptTokens, long CompletionTokens, double DurationMs);
