using System.ComponentModel.DataAnnotations;

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
public sealed record UserView(string Id, string Username, string? Email, string? FullName, string Role, bool IsActive, DateTime CreatedAt, DateTime? LastLogin)
{
    public static UserView From(UserDocument user) =>
        new(user.Id.ToString(), user.Username, user.Email, user.FullName, user.Role, user.IsActive, user.CreatedAt, user.LastLogin);
}
