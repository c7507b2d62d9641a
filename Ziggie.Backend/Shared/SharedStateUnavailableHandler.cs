using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ziggie.Backend.Shared;

/// <summary>
/// A limit that Redis could not check answers 503 with what to do, from one place: the rate limits (middleware),
/// the generation slots (endpoint filter) and the socket slots all throw <see cref="SharedStateUnavailableException"/>.
/// </summary>
public sealed class SharedStateUnavailableHandler(IProblemDetailsService problems, ILogger<SharedStateUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a refused caller is asked to wait: Redis restarts in about that time.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SharedStateUnavailableException unavailable) return false;

        logger.LogWarning("Refused {Path}: {Reason}", context.Request.Path, unavailable.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Shared limits unavailable",
                Detail = $"Redis ({SharedStore.ConnectionKey}), where the backend replicas share {unavailable.Limit}, does not answer, " +
                         "so this request was refused rather than let past the limit; nothing was changed. " +
                         $"Try again in {RetryAfterSeconds} s; if it persists, check the '{SharedStore.ConnectionName}' resource in the Aspire dashboard " +
                         "(GET /health shows what this backend sees).",
            },
        });
    }
}
