using MongoDB.Driver;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Data;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Quotas;

namespace Ziggie.Backend.Usage;

/// <summary>
/// Logs every generate and chat call to <c>generations</c>. Generation never waits for MongoDB: when
/// it is down the call goes ahead, the response says so in <c>X-Ziggie-Usage-Log: not-kept</c>
/// (decided before the first byte, so streams carry it too), and the entry is not written anywhere else.
/// Every finished call also counts against the caller's daily quota (<see cref="QuotaLedger"/>), MongoDB or not.
/// </summary>
public sealed class GenerationRecorder(IGenerationLog log, QuotaLedger quotas, IDatabaseStatus database, TimeProvider time, ILogger<GenerationRecorder> logger)
{
    public const string HeaderName = "X-Ziggie-Usage-Log";

    public PendingGeneration Begin(HttpContext http, CurrentUser caller, string kind, string model, int promptChars)
    {
        var kept = database.IsAvailable;
        http.Response.Headers[HeaderName] = kept ? "kept" : "not-kept; MongoDB is unavailable";
        return new PendingGeneration(caller, kind, model, promptChars, time.GetUtcNow().UtcDateTime, kept);
    }

    public async Task FinishAsync(PendingGeneration pending, CallResult outcome)
    {
        // This replica's view counts the call before the first await; the shared counter's $inc runs beside the log's insert.
        var counting = quotas.RecordAsync(pending.Caller.Id, (long)(outcome.PromptTokens ?? 0) + (outcome.CompletionTokens ?? 0), outcome.Outcome != CallResult.Failed);
        if (pending.Kept) await LogAsync(pending, outcome);
        await counting;
    }

    private async Task LogAsync(PendingGeneration pending, CallResult outcome)
    {

        var entry = new GenerationDocument
        {
            UserId = pending.Caller.Id,
            Username = pending.Caller.Username,
            ApiKeyId = pending.Caller.KeyId,
            ApiKeyName = pending.Caller.KeyName,
            Kind = pending.Kind,
            Model = pending.Model,
            PromptChars = pending.PromptChars,
            PromptTokens = outcome.PromptTokens,
            CompletionTokens = outcome.CompletionTokens,
            FirstTokenMs = outcome.FirstToken?.TotalMilliseconds,
            DurationMs = outcome.Duration.TotalMilliseconds,
            Outcome = outcome.Outcome,
            Error = outcome.Error,
            OllamaNode = outcome.Node,
            CreatedAt = pending.StartedAt,
        };
        try
        {
            // Not the request's token: a caller who left still used the model, and that is logged.
            await log.RecordAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            logger.LogWarning("The usage log entry of a {Kind} call by {User} was lost: MongoDB went away ({Reason})", pending.Kind, pending.Caller.Username, ex.Message);
        }
    }
}

public sealed record PendingGeneration(CurrentUser Caller, string Kind, string Model, int PromptChars, DateTime StartedAt, bool Kept);
