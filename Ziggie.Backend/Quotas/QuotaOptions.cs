using Ziggie.Backend.Auth;

namespace Ziggie.Backend.Quotas;

/// <summary>
/// <c>Ziggie:Quotas</c>: each role's daily default, e.g. <c>Ziggie:Quotas:Roles:user:TokensPerDay=200000</c>.
/// A role that is not named, and a limit left out, is unlimited. A user's override replaces their role's default whole.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Ziggie:Quotas";

    public Dictionary<string, QuotaLimit> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long this replica trusts its own view of a user's day before reading the shared counter again.</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(10);

    public QuotaLimit For(string role) => Roles.GetValueOrDefault(role) ?? QuotaLimit.Unlimited;

    public static bool IsValid(QuotaOptions options) =>
        options.RefreshEvery >= TimeSpan.Zero
        && options.Roles.All(r => Auth.Roles.All.Contains(r.Key, StringComparer.OrdinalIgnoreCase)
            && r.Value.TokensPerDay is null or > 0 && r.Value.RequestsPerDay is null or > 0);

    public const string Invalid =
        $"{Section}:Roles takes the roles admin, user and readonly, each with TokensPerDay and/or RequestsPerDay above 0 (leave one out for unlimited); {Section}:RefreshEvery must not be negative.";
}
