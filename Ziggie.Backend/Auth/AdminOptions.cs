using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Auth;

/// <summary><c>Ziggie:Admin</c>. The password comes from the AppHost's secret parameter <c>admin-password</c>.</summary>
public sealed class AdminOptions
{
    public const string Section = "Ziggie:Admin";

    [Required, RegularExpression(UserRules.UsernamePattern)]
    public string Username { get; set; } = "admin";

    [Required, MinLength(UserRules.MinPasswordLength)]
    public string Password { get; set; } = "";
}
