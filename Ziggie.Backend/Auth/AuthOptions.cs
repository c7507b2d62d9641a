using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Auth;

/// <summary><c>Ziggie:Jwt</c>. The signing key comes from the AppHost's secret parameter <c>jwt-signing-key</c>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Ziggie:Jwt";

    /// <summary>At least 32 characters: HMAC-SHA256 needs a key of 256 bits or more.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "ziggie";

    [Required]
    public string Audience { get; set; } = "ziggie";

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary><c>Ziggie:Admin</c>. The password comes from the AppHost's secret parameter <c>admin-password</c>.</summary>
public sealed class AdminOptions
{
    public const string Section = "Ziggie:Admin";

    [Required, RegularExpression(UserRules.UsernamePattern)]
    public string Username { get; set; } = "admin";

    [Required, MinLength(UserRules.MinPasswordLength)]
    public string Password { get; set; } = "";
}
