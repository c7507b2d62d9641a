using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using MongoDB.Bson;
using Ziggie.Backend.Auth.Keys;

namespace Ziggie.Backend.Auth;

/// <summary>Who is calling, read from the token's claims (no database round trip).</summary>
/// <param name="KeyId">The API key the caller used, or null for a JWT.</param>
/// <param name="KeyName">That key's name, for the usage log.</param>
public sealed record CurrentUser(ObjectId Id, string Username, string Role, ObjectId? KeyId = null, string? KeyName = null)
{
    public const string RoleClaim = "role";

    public bool IsAdmin => Role == Roles.Admin;

    public static CurrentUser? From(ClaimsPrincipal principal) =>
        principal.FindFirstValue(JwtRegisteredClaimNames.Sub) is { } sub && ObjectId.TryParse(sub, out var id)
            ? new CurrentUser(id, principal.FindFirstValue(JwtRegisteredClaimNames.UniqueName) ?? "", principal.FindFirstValue(RoleClaim) ?? "",
                principal.FindFirstValue(ApiKeyHandler.KeyIdClaim) is { } key && ObjectId.TryParse(key, out var keyId) ? keyId : null,
                principal.FindFirstValue(ApiKeyHandler.KeyNameClaim))
            : null;
}

public static class CurrentUserExtensions
{
    /// <summary>The signed-in caller. Only for endpoints that require authorization, where one always exists.</summary>
    public static CurrentUser Caller(this HttpContext http) =>
        CurrentUser.From(http.User) ?? throw new InvalidOperationException("The endpoint must require authorization.");
}
