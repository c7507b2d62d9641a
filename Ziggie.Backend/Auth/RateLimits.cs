using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ziggie.Backend.Auth;

public static class RateLimits
{
    public const string Login = "login";
    public const string Generation = "generation";

    /// <summary>Sign-in per client address (against password guessing), generation per user (against one user hogging the GPU).</summary>
    public static IHostApplicationBuilder AddZiggieRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Login, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => PerMinute(http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.LoginsPerMinute)));

            limiter.AddPolicy(Generation, http => RateLimitPartition.GetFixedWindowLimiter(
                CurrentUser.From(http.User)?.Id.ToString() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => PerMinute(http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.GenerationsPerMinute)));

            limiter.OnRejected = WriteRejectionAsync;
        });
        return builder;
    }

    static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests; try again in {seconds} s. The limits are set under {RateLimitOptions.Section}.",
            },
        });
    }
}
