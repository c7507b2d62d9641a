namespace Ziggie.Backend.Auth.Keys;

/// <summary>
/// An API key acts as its user on the LLM routes only: Ziggie's own LLM API, the caller's own usage, and the
/// Ollama and OpenAI doors. Everywhere else (users, keys, conversations, system) it is refused with a 403 that
/// says why, so a leaked key cannot make more keys, change a password or manage users. Checked by every policy's
/// <see cref="Access"/> requirement, so routes need nothing of their own; a new door under another prefix is added to
/// <see cref="AllowedPrefixes"/>.
/// </summary>
public static class KeyScope
{
    public static readonly string[] AllowedPrefixes = ["/api/llm", "/api/usage", "/ollama", "/v1"];

    private const string ReasonKey = "ziggie.key-scope";

    public static bool IsKey(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(ApiKeyHandler.AuthMethodClaim, ApiKeyHandler.KeyMethod);

    public static bool Allows(PathString path)
    {
        // A loop, not Any(): every authorized request asks, and a lambda over the path would allocate each time.
        foreach (var prefix in AllowedPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>The 403's detail, when the key scope refused the request.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status403Forbidden
            && context.ProblemDetails.Detail is null
            && context.HttpContext.Items[ReasonKey] is string reason)
        {
            context.ProblemDetails.Detail = reason;
        }
    }

    /// <summary>What the 403 says when a key called a route it may not.</summary>
    public const string Reason = "An API key may only call the LLM routes (/api/llm, /api/usage, /ollama, /v1): keys cannot manage users or keys, " +
        "or use the control center's other routes. Sign in with your password (POST /api/auth/login) and use that token here.";

    /// <summary>Remembers, for the 403's body, that the key scope refused this request.</summary>
    public static void Refused(HttpContext http) => http.Items[ReasonKey] = Reason;
}
