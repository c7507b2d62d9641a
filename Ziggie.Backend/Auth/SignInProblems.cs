using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Ziggie.Backend.Auth;

/// <summary>
/// A 401 says what to do, not just "Unauthorized": old clients show <c>detail</c> to the user, and a
/// person reading curl output needs the next step. The bearer handler knows why it refused; the
/// ProblemDetails writer (status code pages) runs later and has only the status, so the reason is
/// handed over through the request's items. <c>WWW-Authenticate: Bearer</c> stays the handler's.
/// </summary>
public static class SignInProblems
{
    private const string ReasonKey = "ziggie.sign-in-problem";

    public const string HowToSignIn =
        "Sign in with POST /api/auth/login {\"username\",\"password\"} and send the access_token it returns as the header Authorization: Bearer <token>.";

    /// <summary>The bearer handler's challenge: remember why, for the body.</summary>
    public static Task RecordReason(JwtBearerChallengeContext context)
    {
        context.HttpContext.Items[ReasonKey] = Explain(context.AuthenticateFailure, context.Request);
        return Task.CompletedTask;
    }

    /// <summary>Another handler's reason (the API key handler's), for the body.</summary>
    public static void Record(HttpContext http, string reason) => http.Items[ReasonKey] = reason;

    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status401Unauthorized
            && context.ProblemDetails.Detail is null
            && context.HttpContext.Items[ReasonKey] is string reason)
        {
            context.ProblemDetails.Detail = reason;
        }
    }

    public static string Explain(Exception? failure, HttpRequest request) => failure switch
    {
        null when request.Headers.Authorization is [{ } header] && !header!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) =>
            $"The Authorization header does not carry a bearer token. {HowToSignIn}",
        null when request.Query.ContainsKey("access_token") =>
            $"A token in the query (?access_token=) is accepted on /ws only, where browsers cannot set headers. {HowToSignIn}",
        null => $"This route needs a signed-in caller and the request carries no token. {HowToSignIn}",
        SecurityTokenExpiredException expired =>
            $"The token expired at {expired.Expires:u}. Sign in again (POST /api/auth/login) and send the new token as Authorization: Bearer <token>.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "The token's signature does not match this backend's signing key: it was issued by another backend, or the key was rotated. " +
            "Sign in again (POST /api/auth/login) and send the new token as Authorization: Bearer <token>.",
        SecurityTokenMalformedException or ArgumentException =>
            $"The bearer token is not a well-formed JWT (send the access_token from the sign-in answer as it is). {HowToSignIn}",
        SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException =>
            $"The token was issued for another service. {HowToSignIn}",
        AccountRefusedException refused =>
            $"{refused.Message} Ask an admin to look at the account (admins manage accounts under /api/auth/users), or sign in as another user.",
        _ => $"The token is not valid here ({failure.GetType().Name}). {HowToSignIn}",
    };
}

/// <summary>The token is ours and valid, but its account may not use it any more (deactivated or deleted).</summary>
public sealed class AccountRefusedException(string message) : Exception(message);
