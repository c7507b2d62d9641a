using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ziggie.Backend.Api;

/// <summary>
/// A body that is not JSON, or has a field of the wrong type, becomes a 400 ProblemDetails that names
/// the field, instead of an empty 400 (Production) or an exception page (Development).
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var detail = badRequest.InnerException switch
        {
            // The reader's own exception inside means broken JSON; without it, a value of the wrong type.
            JsonException { InnerException: JsonException } syntax =>
                $"The request body is not valid JSON (line {syntax.LineNumber + 1}, byte {syntax.BytePositionInLine}). Send one JSON object.",
            JsonException { Path: { Length: > 2 } path } =>
                $"The field '{path.TrimStart('$', '.')}' has a value of the wrong type or format. Check it against the API reference (/openapi/v1.json).",
            JsonException json => $"The request body is not valid JSON: {FirstSentence(json.Message)}",
            _ => badRequest.Message,
        };

        context.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = badRequest.StatusCode, Title = "Invalid request", Detail = detail },
        });
    }

    static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
