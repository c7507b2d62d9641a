using Microsoft.AspNetCore.Http.HttpResults;
using MongoDB.Bson;
using Ziggie.Backend.Api;
using Ziggie.Backend.Auth;

namespace Ziggie.Backend.Quotas;

/// <summary>
/// Admins set a user's own quota under <c>/api/auth/users/{id}/quota</c>: it replaces the role's default whole
/// (a limit left out is unlimited for that user); DELETE returns the user to their role's default.
/// </summary>
public static class UserQuotaApi
{
    public static RouteGroupBuilder MapUserQuotaApi(this RouteGroupBuilder auth)
    {
        var quota = auth.MapGroup("/users/{id}/quota").RequireAuthorization(Policies.Admin);
        quota.MapGet("", Get);
        quota.MapPut("", Set);
        quota.MapDelete("", Clear);
        return auth;
    }

    /// <summary>Where the user stands today, as they would see it in <c>GET /api/usage/quota</c>.</summary>
    public static async Task<Results<Ok<QuotaView>, NotFound, ProblemHttpResult>> Get(
        string id, IUserStore users, QuotaLedger ledger, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var userId)) return InvalidId.Problem(id);
        if (await users.FindByIdAsync(userId, cancellationToken) is not { } user) return TypedResults.NotFound();
        return TypedResults.Ok((await ledger.StandingAsync(new CurrentUser(user.Id, user.Username, user.Role), cancellationToken)).ToView());
    }

    public static Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> Set(
        string id, QuotaLimit body, IUserStore users, QuotaLedger ledger, CancellationToken cancellationToken) =>
        ReplaceAsync(id, body, users, ledger, cancellationToken);

    public static Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> Clear(
        string id, IUserStore users, QuotaLedger ledger, CancellationToken cancellationToken) =>
        ReplaceAsync(id, null, users, ledger, cancellationToken);

    private static async Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> ReplaceAsync(
        string id, QuotaLimit? quota, IUserStore users, QuotaLedger ledger, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var userId)) return InvalidId.Problem(id);
        if (await users.FindByIdAsync(userId, cancellationToken) is not { } user) return TypedResults.NotFound();

        user = user with { Quota = quota };
        var replaced = await users.ReplaceAsync(user, cancellationToken);
        ledger.Forget(userId);
        return replaced ? TypedResults.Ok(UserView.From(user)) : TypedResults.NotFound();
    }
}
