using System.ComponentModel.DataAnnotations;
using Ziggie.Backend.Quotas;

namespace Ziggie.Backend.Auth;

public sealed record LoginBody([Required, StringLength(64)] string Username, [Required, StringLength(UserRules.MaxPasswordLength)] string Password);

public sealed record ChangePasswordBody(
    [Required, StringLength(UserRules.MaxPasswordLength)] string CurrentPassword,
    [Required, StringLength(UserRules.MaxPasswordLength, MinimumLength = UserRules.MinPasswordLength)] string NewPassword);

/// <summary><c>PUT /api/auth/me</c>: a user may change only their own profile fields, never their role.</summary>
public sealed record UpdateMeBody([EmailAddress, StringLength(254)] string? Email, [StringLength(200)] string? FullName);

public sealed record CreateUserBody(
    [Required, RegularExpression(UserRules.UsernamePattern, ErrorMessage = "username must be 3-32 letters, digits, '.', '_' or '-'.")] string Username,
    [Required, StringLength(UserRules.MaxPasswordLength, MinimumLength = UserRules.MinPasswordLength)] string Password,
    [Required, RegularExpression(UserRules.RolePattern, ErrorMessage = "role must be admin, user or readonly.")] string Role,
    [EmailAddress, StringLength(254)] string? Email = null,
    [StringLength(200)] string? FullName = null);

/// <summary><c>PUT /api/auth/users/{id}</c> (admin): only the fields given change.</summary>
public sealed record UpdateUserBody(
    [RegularExpression(UserRules.RolePattern, ErrorMessage = "role must be admin, user or readonly.")] string? Role = null,
    bool? IsActive = null,
    [EmailAddress, StringLength(254)] string? Email = null,
    [StringLength(200)] string? FullName = null,
    [StringLength(UserRules.MaxPasswordLength, MinimumLength = UserRules.MinPasswordLength)] string? Password = null);

/// <summary>A user as the API shows it: never the password hash.</summary>
/// <param name="CreatedAt">Absent when <paramref name="Source"/> is <c>token</c>: a token does not say when the account was made.</param>
/// <param name="Source"><see cref="UserSource"/>: the stored account, or only the token's claims while MongoDB is down.</param>
/// <param name="Quota">The user's own daily quota (set by an admin); absent: their role's default applies.</param>
public sealed record UserView(
    string Id, string Username, string? Email, string? FullName, string Role, bool IsActive, DateTime? CreatedAt, DateTime? LastLogin, string Source,
    QuotaLimit? Quota = null)
{
    public static UserView From(UserDocument user) =>
        new(user.Id.ToString(), user.Username, user.Email, user.FullName, user.Role, user.IsActive, user.CreatedAt, user.LastLogin, UserSource.Database, user.Quota);

    // A token is only accepted for an active account (or while the database cannot say otherwise).
    public static UserView FromToken(CurrentUser caller) =>
        new(caller.Id.ToString(), caller.Username, null, null, caller.Role, true, null, null, UserSource.Token);
}

public static class UserSource
{
    public const string Database = "database";
    /// <summary>MongoDB is down: id, username and role come from the signed token; email, names and dates are unknown.</summary>
    public const string Token = "token";
}
