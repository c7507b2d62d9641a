using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using MongoDB.Driver;

namespace Ziggie.Backend.Data;

/// <summary>
/// Routes that need the database answer 503 with what to check while MongoDB is unreachable, from one
/// place instead of a try/catch in every handler. Nothing is written anywhere else instead.
/// </summary>
public sealed class MongoUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<MongoUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public static bool IsUnavailable(Exception exception) =>
        exception is MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException
            // The driver reports "no server could be selected in time" as a plain TimeoutException.
            or TimeoutException { Source: "MongoDB.Driver" };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        logger.LogWarning("MongoDB is unavailable for {Path}: {Reason}", context.Request.Path, MongoFailure.OneLine(exception));
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database unavailable",
                Detail = "MongoDB does not answer, so sign-in, users and chat history are unavailable; nothing was changed. " +
                         "Check the 'mongodb' resource in the Aspire dashboard (GET /health shows what this backend sees). Generation still works.",
            },
        });
    }
}
