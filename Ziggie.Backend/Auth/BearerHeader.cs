namespace Ziggie.Backend.Auth;

/// <summary>The token of an <c>Authorization: Bearer …</c> header, read in place: every signed-in request asks, twice.</summary>
public static class BearerHeader
{
    private const string Prefix = "Bearer ";

    /// <summary>The token, trimmed as JwtBearer trims it; empty when the header is missing, repeated or not a bearer.</summary>
    public static ReadOnlySpan<char> TokenOf(HttpRequest request) =>
        request.Headers.Authorization is [{ } header] && header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? header.AsSpan(Prefix.Length).Trim()
            : default;
}
