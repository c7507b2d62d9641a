using Ziggie.Backend.Auth;

namespace Ziggie.Backend.Quotas;

/// <summary>
/// Refuses a generation before it starts when the caller has used up today's quota: 429 with <c>Retry-After</c>
/// (seconds to the UTC day's end) and a ProblemDetails that says used, limit and reset time. Put it on every
/// route that generates (<c>.AddEndpointFilter&lt;QuotaFilter&gt;()</c>); the tokens are counted by
/// <see cref="Usage.GenerationRecorder.FinishAsync"/>, so a route that logs its calls there is counted too.
/// </summary>
public sealed class QuotaFilter(QuotaLedger ledger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await ledger.OverLimitAsync(http.Caller(), http.RequestAborted) is { } over)
        {
            http.Response.Headers.RetryAfter = over.SecondsToReset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return over.ToProblem();
        }

        return await next(context);
    }
}
