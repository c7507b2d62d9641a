using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Data;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Security;

namespace Ziggie.Backend.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");

        api.MapPost("/login", Login).RequireRateLimiting(RateLimits.Login);
        api.MapGet("/me", GetMe).RequireAuthorization(Policies.SignedIn);
        api.MapPut("/me", UpdateMe).RequireAuthorization(Policies.Writer);
        api.MapPost("/change-password", ChangePassword).RequireAuthorization(Policies.Writer);

        api.MapUserAdminApi();
        api.MapApiKeysApi();
        api.MapUserQuotaApi();
        return app;
    }

    public static async Task<Results<Ok<IssuedToken>, ProblemHttpResult>> Login(
        LoginBody body, IUserStore users, IPasswordHasher<UserDocument> hasher, TokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await users.FindByUsernameAsync(body.Username, cancellationToken);
        var verdict = user is null ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(user, user.PasswordHash, body.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            // One answer for "no such user" and "wrong password": the difference would tell who has an account.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Incorrect username or password",
                detail: "Incorrect username or password. An admin can reset a password under /api/auth/users.");
        }

        if (!user.IsActive)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Account inactive",
                detail: $"The account '{user.Username}' is deactivated. Ask an admin to activate it.");
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user = user with { PasswordHash = hasher.HashPassword(user, body.Password) };
            await users.ReplaceAsync(user, cancellationToken);
        }

        await users.SetLastLoginAsync(user.Id, time.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(tokens.Issue(user));
    }

    /// <summary>
    /// The stored account, or, while MongoDB is down, what the token says (<c>"source":"token"</c>): tokens are
    /// trusted then (see <see cref="ActiveUsers"/>), and clients that sign the user out when /me fails keep working.
    /// </summary>
    public static async Task<Results<Ok<UserView>, NotFound>> GetMe(HttpContext http, IUserStore users, IDatabaseStatus database, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (!database.IsAvailable)
        {
            return TypedResults.Ok(UserView.FromToken(caller));
        }

        try
        {
            return await users.FindByIdAsync(caller.Id, cancellationToken) is { } user ? TypedResults.Ok(UserView.From(user)) : TypedResults.NotFound();
        }
        catch (Exception ex) when (MongoUnavailableExceptionHandler.IsUnavailable(ex))
        {
            return TypedResults.Ok(UserView.FromToken(caller));
        }
    }

    public static async Task<Results<Ok<UserView>, NotFound>> UpdateMe(UpdateMeBody body, HttpContext http, IUserStore users, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(http.Caller().Id, cancellationToken) is not { } user)
        {
            return TypedResults.NotFound();
        }

        user = user with { Email = body.Email ?? user.Email, FullName = body.FullName ?? user.FullName };
        await users.ReplaceAsync(user, cancellationToken);
        return TypedResults.Ok(UserView.From(user));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> ChangePassword(
        ChangePasswordBody body, HttpContext http, IUserStore users, IPasswordHasher<UserDocument> hasher, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(http.Caller().Id, cancellationToken) is not { } user)
        {
            return TypedResults.NotFound();
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, body.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Wrong current password",
                detail: "current_password is not your password; nothing was changed.");
        }

        await users.ReplaceAsync(user with { PasswordHash = hasher.HashPassword(user, body.NewPassword) }, cancellationToken);
        return TypedResults.NoContent();
    }
}
