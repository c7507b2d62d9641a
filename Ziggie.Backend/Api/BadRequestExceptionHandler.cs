using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ziggie.Backend.Api;

/// <summary>
/// A request the framework cannot bind (no body, a body that is not JSON or not an object, a field or a
/// parameter of the wrong type) becomes a 400 ProblemDetails that says in the API's words what was expected,
/// instead of an empty 400 (Production), an exception page (Development) or the framework's wording with C#
/// type names in it.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private const string Reference = "See the API reference (/openapi/v1.json).";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        context.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = badRequest.StatusCode, Title = "Invalid request", Detail = Describe(badRequest) },
        });
    }

    public static string Describe(BadHttpRequestException badRequest) => badRequest.InnerException switch
    {
        JsonException { InnerException: JsonException inner } when inner.Message.Contains("maximum configured depth", StringComparison.Ordinal) =>
            "The request body nests objects or arrays too deeply. Send one JSON object of the shape the route expects. " + Reference,
        // The reader's own exception inside means broken JSON (invalid UTF-8 included); without it, a value of the wrong type.
        JsonException { InnerException: JsonException } syntax =>
            $"The request body is not valid JSON (line {syntax.LineNumber + 1}, byte {syntax.BytePositionInLine}). Send one JSON object.",
        JsonException { Path: { Length: > 2 } path } =>
            $"The field '{path.TrimStart('$', '.')}' has a value of the wrong type or format. {Reference}",
        // "$" itself: an array, a string, a number or null where the route reads an object.
        JsonException =>
            $"The request body must be one JSON object ({{…}}), not an array, a string, a number or null. {Reference}",
        _ => DescribeBinding(badRequest),
    };

    private static string DescribeBinding(BadHttpRequestException badRequest)
    {
        var message = badRequest.Message;
        if (badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return "The request body must be JSON, sent with Content-Type: application/json.";
        }

        if (message.Contains("no body was provided", StringComparison.Ordinal) || message.EndsWith("was not provided from body.", StringComparison.Ordinal))
        {
            return $"The request body is empty (or JSON null). Send one JSON object. {Reference}";
        }

        if (MissingParameter().Match(message) is { Success: true } missing)
        {
            return $"The {missing.Groups[2].Value} parameter '{missing.Groups[1].Value}' is required. {Reference}";
        }

        if (UnreadableParameter().Match(message) is { Success: true } unreadable)
        {
            return $"The parameter '{unreadable.Groups[1].Value}' has a value of the wrong type or format. {Reference}";
        }

        // Anything else the framework refuses: its wording names C# types, so say only what is known.
        return $"The request is not what this route expects. {Reference}";
    }

    // Required parameter "int limit" was not provided from query string.
    [GeneratedRegex(@"^Required parameter ""\S+ (\w+)"" was not provided from (query string|route|header|form)")]
    private static partial Regex MissingParameter();

    // Failed to bind parameter "int limit" from "abc".
    [GeneratedRegex(@"^Failed to bind parameter ""\S+ (\w+)"" from")]
    private static partial Regex UnreadableParameter();
}
