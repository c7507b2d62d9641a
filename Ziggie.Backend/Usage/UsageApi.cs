using Microsoft.AspNetCore.Http.HttpResults;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Quotas;

namespace Ziggie.Backend.Usage;

/// <summary><c>/api/usage</c>: open to API keys too, each for its own user's data only.</summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        var usage = app.MapGroup("/api/usage").WithTags("Usage").RequireAuthorization(Policies.SignedIn);
        usage.MapGet("/llm", GetLlmUsage);
        usage.MapGet("/keys", GetKeyUsage);
        usage.MapGet("/users", GetUserUsage).RequireAuthorization(Policies.Admin);
        usage.MapGet("/quota", GetQuota);
        return app;
    }

    /// <summary>The caller's own generate and chat calls summed per model; an admin may ask for everyone's with <c>?all=true</c>.</summary>
    public static async Task<Results<Ok<LlmUsage>, ProblemHttpResult>> GetLlmUsage(
        HttpContext http, IGenerationLog log, CancellationToken cancellationToken, bool all = false)
    {
        var caller = http.Caller();
        if (all && WhyNotAll(http, caller) is { } refused) return refused;

        var models = await log.SummarizeAsync(all ? null : caller.Id, cancellationToken);
        return TypedResults.Ok(new LlmUsage(
            all ? "all" : caller.Username,
            models.Sum(m => m.Requests),
            models.Sum(m => m.PromptTokens),
            models.Sum(m => m.CompletionTokens),
            models));
    }

    /// <summary>The caller's calls summed per API key (<c>key_id</c> null: signed in); an admin may ask for everyone's with <c>?all=true</c>.</summary>
    public static async Task<Results<Ok<KeyUsageView[]>, ProblemHttpResult>> GetKeyUsage(
        HttpContext http, IGenerationLog log, CancellationToken cancellationToken, bool all = false)
    {
        var caller = http.Caller();
        if (all && WhyNotAll(http, caller) is { } refused) return refused;
        return TypedResults.Ok((await log.SummarizeByKeyAsync(all ? null : caller.Id, cancellationToken)).Select(KeyUsageView.From).ToArray());
    }

    /// <summary>Everyone's calls summed per user (admins).</summary>
    public static async Task<Ok<UserUsageView[]>> GetUserUsage(IGenerationLog log, CancellationToken cancellationToken) =>
        TypedResults.Ok((await log.SummarizeByUserAsync(cancellationToken)).Select(UserUsageView.From).ToArray());

    /// <summary>Where the caller stands against today's quota (UTC day); <c>limit</c> null is unlimited.</summary>
    public static async Task<Ok<QuotaView>> GetQuota(HttpContext http, QuotaLedger ledger, CancellationToken cancellationToken) =>
        TypedResults.Ok((await ledger.StandingAsync(http.Caller(), cancellationToken)).ToView());

    private static ProblemHttpResult? WhyNotAll(HttpContext http, CurrentUser caller) =>
        !caller.IsAdmin
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admins only",
                detail: "Only an admin may see everyone's usage; leave out ?all=true to see yours.")
        : KeyScope.IsKey(http.User)
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not with an API key",
                detail: "An API key sees its own user's usage only; sign in with your password to see everyone's (?all=true).")
        : null;
}

public sealed record LlmUsage(string Scope, long Requests, long PromptTokens, long CompletionTokens, IReadOnlyList<ModelUsage> Models);

public sealed record KeyUsageView(string? KeyId, string? KeyName, string UserId, string Username, long Requests, long PromptTokens, long CompletionTokens)
{
    public static KeyUsageView From(KeyUsage u) =>
        new(u.KeyId?.ToString(), u.KeyName, u.UserId.ToString(), u.Username, u.Requests, u.PromptTokens, u.CompletionTokens);
}

public sealed record UserUsageView(string UserId, string Username, long Requests, long PromptTokens, long CompletionTokens)
{
    public static UserUsageView From(UserUsage u) => new(u.UserId.ToString(), u.Username, u.Requests, u.PromptTokens, u.CompletionTokens);
}
