using Microsoft.AspNetCore.Http.HttpResults;
using Ziggie.Backend.Auth;

namespace Ziggie.Backend.Usage;

public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/usage").WithTags("Usage").RequireAuthorization(Policies.SignedIn)
            .MapGet("/llm", GetLlmUsage);
        return app;
    }

    /// <summary>The caller's own generate and chat calls summed per model; an admin may ask for everyone's with <c>?all=true</c>.</summary>
    public static async Task<Results<Ok<LlmUsage>, ProblemHttpResult>> GetLlmUsage(
        HttpContext http, IGenerationLog log, CancellationToken cancellationToken, bool all = false)
    {
        var caller = http.Caller();
        if (all && !caller.IsAdmin)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admins only",
                detail: "Only an admin may see everyone's usage; leave out ?all=true to see yours.");
        }

        var models = await log.SummarizeAsync(all ? null : caller.Id, cancellationToken);
        return TypedResults.Ok(new LlmUsage(
            all ? "all" : caller.Username,
            models.Sum(m => m.Requests),
            models.Sum(m => m.PromptTokens),
            models.Sum(m => m.CompletionTokens),
            models));
    }
}

public sealed record LlmUsage(string Scope, long Requests, long PromptTokens, long CompletionTokens, IReadOnlyList<ModelUsage> Models);
