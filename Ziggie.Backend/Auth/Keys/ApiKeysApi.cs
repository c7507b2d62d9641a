using Microsoft.AspNetCore.Http.HttpResults;
using MongoDB.Bson;
using Ziggie.Backend.Api;

namespace Ziggie.Backend.Auth.Keys;

/// <summary>
/// <c>/api/auth/keys</c>: a signed-in user's own API keys; admins also list and revoke anyone's.
/// These routes take a password sign-in (JWT) only: <see cref="KeyScope"/> refuses a key here.
/// </summary>
public static class ApiKeysApi
{
    public const int MaxKeysPerUser = 50;

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder auth)
    {
        var keys = auth.MapGroup("/keys").RequireAuthorization(Policies.SignedIn);
        keys.MapGet("", ListMine);
        keys.MapPost("", Create);
        keys.MapDelete("/{id}", Revoke);
        auth.MapGet("/users/{id}/keys", ListOfUser).RequireAuthorization(Policies.Admin);
        return auth;
    }

    public static async Task<Ok<ApiKeyView[]>> ListMine(HttpContext http, IApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListByUserAsync(http.Caller().Id, cancellationToken)).Select(ApiKeyView.From).ToArray());

    public static async Task<Results<Ok<ApiKeyView[]>, ProblemHttpResult>> ListOfUser(string id, IApiKeyStore keys, CancellationToken cancellationToken) =>
        !ObjectId.TryParse(id, out var userId) ? InvalidId.Problem(id)
        : TypedResults.Ok((await keys.ListByUserAsync(userId, cancellationToken)).Select(ApiKeyView.From).ToArray());

    public static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> Create(
        CreateKeyBody body, HttpContext http, IApiKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var now = time.GetUtcNow().UtcDateTime;
        var expires = body.ExpiresAt?.ToUniversalTime();
        if (expires <= now)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Expiry in the past",
                detail: $"expires_at ({expires:u}) is not in the future; give a later time (UTC, ISO 8601) or leave it out for a key that does not expire. Nothing was created.");
        }

        if ((await keys.ListByUserAsync(caller.Id, cancellationToken)).Count >= MaxKeysPerUser)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many keys",
                detail: $"You have {MaxKeysPerUser} API keys, the most one user may have. Revoke keys you no longer use (DELETE /api/auth/keys/{{id}}), then create this one.");
        }

        var (secret, prefix, hash) = ApiKeySecret.Generate();
        var key = new ApiKeyDocument { UserId = caller.Id, Name = body.Name.Trim(), Prefix = prefix, Hash = hash, CreatedAt = now, ExpiresAt = expires };
        await keys.CreateAsync(key, cancellationToken);
        return TypedResults.Created($"/api/auth/keys/{key.Id}", new CreatedKey(key.Id.ToString(), key.Name, secret, prefix, key.CreatedAt, key.ExpiresAt));
    }

    /// <summary>The key stops at once on this replica, within <see cref="ApiKeyValidator.Remember"/> on the others.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string id, HttpContext http, IApiKeyStore keys, ApiKeyValidator validator, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var keyId)) return InvalidId.Problem(id);
        var caller = http.Caller();
        // Someone else's key is "not found" to a non-admin: the answer must not tell which ids exist.
        if (await keys.FindByIdAsync(keyId, cancellationToken) is not { } key || key.UserId != caller.Id && !caller.IsAdmin)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such key",
                detail: $"You have no API key with the id '{id}'. GET /api/auth/keys lists yours.");
        }

        await keys.DeleteAsync(keyId, cancellationToken);
        validator.Forget(key.Hash);
        return TypedResults.NoContent();
    }
}
