using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Security;

public static class RateLimits
{
    public const string Login = "login";
    public const string Generation = "generation";

    /// <summary>Sign-in per client address (against password guessing), generation per user (against one user hogging the GPU).</summary>
    public static IHostApplicationBuilder AddZiggieRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Login, http => RateLimitPartition.Get(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                caller => PerMinute(http, Login, caller, nameof(LimitOptions.LoginsPerMinute), http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value.LoginsPerMinute)));

            limiter.AddPolicy(Generation, http => RateLimitPartition.Get(
                http.SignedInCaller()?.Id.ToString() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                caller => PerMinute(http, Generation, caller, nameof(LimitOptions.GenerationsPerMinute), http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value.GenerationsPerMinute)));

            limiter.OnRejected = WriteRejectionAsync;
        });
        return builder;
    }

    // In Redis when the replicas share their state, so that a caller's minute is one minute whichever replica they reach.
    private static RateLimiter PerMinute(HttpContext http, string policy, string caller, string setting, int permits)
    {
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        return http.RequestServices.GetRequiredService<SharedStore>().Redis is { } redis
            ? new SharedCallerWindow(redis.GetDatabase(), $"{SharedStore.KeyPrefix}rate:{policy}:{caller}", permits, TimeSpan.FromMinutes(1),
                $"the {LimitOptions.Section}:{setting} limit", time)
            : new CallerWindow(permits, TimeSpan.FromMinutes(1), time);
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var setting = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Login
            ? nameof(LimitOptions.LoginsPerMinute)
            : nameof(LimitOptions.GenerationsPerMinute);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests; try again in {seconds} s. The limit is {LimitOptions.Section}:{setting}.",
            },
        });
    }
}
