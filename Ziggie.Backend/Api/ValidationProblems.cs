using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ziggie.Backend.Api;

/// <summary>
/// Validation errors name fields as callers write them (<c>max_tokens</c>, <c>messages[0].role</c>),
/// not as C# names them, and say in <c>detail</c> what to fix; a body over the size limit says which limit.
/// </summary>
public static partial class ValidationProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel refuses the body before any handler runs; say what the limit is and where it is set.
            context.ProblemDetails.Detail ??= "The request body is larger than this backend accepts. Send less, or raise Ziggie:Limits:MaxRequestBodyBytes.";
            return;
        }

        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
        {
            // Minimal APIs answer a body of another media type with a bare 415 status.
            context.ProblemDetails.Detail ??= "The request body must be JSON, sent with Content-Type: application/json.";
            return;
        }

        if (context.ProblemDetails.Status == StatusCodes.Status500InternalServerError)
        {
            // Never the exception itself: the log has it, under the trace id this answer carries.
            context.ProblemDetails.Detail ??= "Something failed inside the backend; nothing more is shown here. The backend's log has the details under this answer's trace_id.";
            return;
        }

        if (context.ProblemDetails is not HttpValidationProblemDetails validation || validation.Errors.Count == 0)
        {
            return;
        }

        var errors = validation.Errors.ToDictionary(e => ToSnakeCase(e.Key), e => e.Value);
        validation.Errors.Clear();
        foreach (var (field, messages) in errors)
        {
            validation.Errors[field] = messages;
        }

        validation.Detail ??= $"Fix these fields and send again: {string.Join(", ", errors.Keys)}.";
    }

    private static string ToSnakeCase(string key) => Segment().Replace(key, m => JsonNamingPolicy.SnakeCaseLower.ConvertName(m.Value));

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Segment();
}
