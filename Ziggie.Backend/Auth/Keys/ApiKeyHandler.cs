using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Ziggie.Backend.Auth.Keys;

/// <summary>
/// Signs in a caller who sends <c>Authorization: Bearer zk_…</c>. The principal carries the same claims as a
/// JWT's (sub, unique_name, role), so every route reads the caller the same way, plus
/// <see cref="AuthMethodClaim"/> = <see cref="KeyMethod"/> and the key's id and name, which <see cref="KeyScope"/>
/// uses to keep keys on the LLM routes.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AuthMethodClaim = "ziggie_auth";
    public const string KeyMethod = "key";
    public const string KeyIdClaim = "ziggie_key_id";
    public const string KeyNameClaim = "ziggie_key_name";

    /// <summary>Whether the request's bearer token is an API key (else it is taken for a JWT).</summary>
    public static bool CarriesKey(HttpRequest request) => ApiKeySecret.LooksLikeKey(BearerHeader.TokenOf(request));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SecretOf(Request) is not { } secret) return AuthenticateResult.NoResult();

        var verdict = await validator.ValidateAsync(secret, Context.RequestAborted);
        if (verdict.Key is not { } key) return AuthenticateResult.Fail(verdict.Reason!);

        var identity = new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, key.User.Id.ToString()),
            new Claim(JwtRegisteredClaimNames.UniqueName, key.User.Username),
            new Claim(CurrentUser.RoleClaim, key.User.Role),
            new Claim(AuthMethodClaim, KeyMethod),
            new Claim(KeyIdClaim, key.Id.ToString()),
            new Claim(KeyNameClaim, key.Name),
        ], SchemeName, JwtRegisteredClaimNames.UniqueName, CurrentUser.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        SignInProblems.Record(Context, result.Failure?.Message ?? "The API key was not accepted. Create a new key under /api/auth/keys.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
    }

    private static string? SecretOf(HttpRequest request) =>
        BearerHeader.TokenOf(request) is var token && ApiKeySecret.LooksLikeKey(token) ? token.ToString() : null;
}
