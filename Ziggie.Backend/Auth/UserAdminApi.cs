using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using MongoDB.Bson;
using Ziggie.Backend.Api;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Quotas;

namespace Ziggie.Backend.Auth;

/// <summary>The admin's user management under <c>/api/auth/users</c> and <c>/api/auth/stats</c>.</summary>
public static class UserAdminApi
{
    public static RouteGroupBuilder MapUserAdminApi(this RouteGroupBuilder auth)
    {
        var admin = auth.MapGroup("").RequireAuthorization(Policies.Admin);
        admin.MapGet("/users", List);
        admin.MapPost("/users", Create);
        admin.MapGet("/users/{id}", Get);
        admin.MapPut("/users/{id}", Update);
        admin.MapDelete("/users/{id}", Delete);
        admin.MapGet("/stats", Stats);
        return auth;
    }

    public static async Task<Ok<UserView[]>> List(IUserStore users, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListAsync(cancellationToken)).Select(UserView.From).ToArray());

    public static async Task<Results<Created<UserView>, ProblemHttpResult>> Create(
        CreateUserBody body, IUserStore users, IPasswordHasher<UserDocument> hasher, CancellationToken cancellationToken)
    {
        var user = new UserDocument
        {
            Username = UserDocument.Normalize(body.Username),
            Role = body.Role,
            Email = body.Email,
            FullName = body.FullName,
            PasswordHash = "",
        };
        user = user with { PasswordHash = hasher.HashPassword(user, body.Password) };
        try
        {
            await users.CreateAsync(user, cancellationToken);
        }
        catch (DuplicateUsernameException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Username taken",
                detail: $"A user named '{user.Username}' exists already (names are compared without case). Pick another name.");
        }

        return TypedResults.Created($"/api/auth/users/{user.Id}", UserView.From(user));
    }

    public static async Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> Get(string id, IUserStore users, CancellationToken cancellationToken) =>
        !ObjectId.TryParse(id, out var objectId) ? InvalidId.Problem(id)
        : await users.FindByIdAsync(objectId, cancellationToken) is { } user ? TypedResults.Ok(UserView.From(user))
        : TypedResults.NotFound();

    public static async Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> Update(
        string id, UpdateUserBody body, HttpContext http, IUserStore users, IPasswordHasher<UserDocument> hasher, ActiveUsers active, ApiKeyValidator keys, QuotaLedger quotas, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var objectId)) return InvalidId.Problem(id);
        if (await users.FindByIdAsync(objectId, cancellationToken) is not { } user) return TypedResults.NotFound();
        if (objectId == http.Caller().Id && (body.Role is { } role && role != Roles.Admin || body.IsActive == false))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Cannot lock yourself out",
                detail: "An admin cannot remove their own admin role or deactivate themselves; ask another admin.");
        }

        user = user with
        {
            Role = body.Role ?? user.Role,
            IsActive = body.IsActive ?? user.IsActive,
            Email = body.Email ?? user.Email,
            FullName = body.FullName ?? user.FullName,
        };
        if (body.Password is { } password) user = user with { PasswordHash = hasher.HashPassword(user, password) };

        var replaced = await users.ReplaceAsync(user, cancellationToken);
        active.Forget(objectId);
        keys.ForgetUser(objectId);
        quotas.Forget(objectId);
        return replaced ? TypedResults.Ok(UserView.From(user)) : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string id, HttpContext http, IUserStore users, ActiveUsers active, ApiKeyValidator keys, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var objectId)) return InvalidId.Problem(id);
        if (objectId == http.Caller().Id)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Cannot delete yourself",
                detail: "An admin cannot delete their own account; ask another admin.");
        }

        var deleted = await users.DeleteAsync(objectId, cancellationToken);
        active.Forget(objectId);
        keys.ForgetUser(objectId);
        return deleted ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    public static async Task<Ok<UserStats>> Stats(IUserStore users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.CountAsync(cancellationToken));
}
