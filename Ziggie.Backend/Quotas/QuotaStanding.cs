using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ziggie.Backend.Quotas;

/// <summary>A user's use today against their limits.</summary>
public sealed record QuotaStanding(QuotaCount Used, QuotaLimit Limit, DateTime ResetsAt, DateTime Now)
{
    public bool TokensOver => Limit.TokensPerDay is { } limit && Used.Tokens >= limit;
    public bool RequestsOver => Limit.RequestsPerDay is { } limit && Used.Requests >= limit;
    public bool IsOver => TokensOver || RequestsOver;

    /// <summary>Whole seconds until the reset, at least 1: what <c>Retry-After</c> says.</summary>
    public long SecondsToReset => Math.Max(1, (long)Math.Ceiling((ResetsAt - Now).TotalSeconds));

    public QuotaView ToView() => new("day",
        new QuotaMeter(Used.Tokens, Limit.TokensPerDay), new QuotaMeter(Used.Requests, Limit.RequestsPerDay), ResetsAt);

    /// <summary>
    /// The 429 as a ProblemDetails (the doors render it in their own error shape). The caller sets
    /// <c>Retry-After</c> from <see cref="SecondsToReset"/> (see <see cref="QuotaFilter"/>).
    /// </summary>
    public ProblemHttpResult ToProblem()
    {
        var what = TokensOver
            ? $"{Used.Tokens.ToString("N0", CultureInfo.InvariantCulture)} of your {Limit.TokensPerDay!.Value.ToString("N0", CultureInfo.InvariantCulture)} tokens (prompt + completion)"
            : $"{Used.Requests.ToString("N0", CultureInfo.InvariantCulture)} of your {Limit.RequestsPerDay!.Value.ToString("N0", CultureInfo.InvariantCulture)} requests";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Daily quota used up",
            detail: $"You have used {what} for today (UTC). The quota resets at {ResetsAt:yyyy-MM-dd HH:mm:ss}Z, in {SecondsToReset} s. " +
                $"GET /api/usage/quota shows where you stand; an admin can raise your quota on the Users page (PUT /api/auth/users/{{id}}/quota) or for your role ({QuotaOptions.Section}:Roles).");
    }
}

/// <summary><c>GET /api/usage/quota</c>.</summary>
/// <param name="Period">Always <c>day</c>: a UTC day, the same for every replica and every user.</param>
public sealed record QuotaView(string Period, QuotaMeter Tokens, QuotaMeter Requests, DateTime ResetsAt);

/// <param name="Limit">Null: unlimited.</param>
public sealed record QuotaMeter(long Used, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] long? Limit);
