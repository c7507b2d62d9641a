using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Ziggie.Backend.Gateway.OpenAi;

/// <summary>OpenAI's error object: the <c>type</c> and <c>code</c> its SDKs and users branch on, chosen from the status.</summary>
public static class OpenAiError
{
    /// <summary>A ProblemDetails extension a producer may set to pick the OpenAI <c>code</c> itself (e.g. <c>insufficient_quota</c>).</summary>
    public const string CodeExtension = "openai_code";

    public readonly record struct Kind(string Type, string? Code);

    public static Kind For(int status, ProblemDetails problem, HttpContext http) => status switch
    {
        StatusCodes.Status401Unauthorized => new("authentication_error", "invalid_api_key"),
        StatusCodes.Status403Forbidden => new("permission_error", "permission_denied"),
        // A route exists: its model does not. No route: OpenAI's own wording for a wrong URL.
        StatusCodes.Status404NotFound => http.GetEndpoint() is null ? new("invalid_request_error", "unknown_url") : new("invalid_request_error", "model_not_found"),
        StatusCodes.Status429TooManyRequests when IsQuota(problem) => new("insufficient_quota", "insufficient_quota"),
        StatusCodes.Status429TooManyRequests => new("rate_limit_error", "rate_limit_exceeded"),
        StatusCodes.Status501NotImplemented => new("invalid_request_error", "unsupported"),
        >= 400 and < 500 => new("invalid_request_error", Extension(problem)),
        StatusCodes.Status502BadGateway => new("server_error", "upstream_error"),
        StatusCodes.Status503ServiceUnavailable => new("server_error", "service_unavailable"),
        StatusCodes.Status504GatewayTimeout => new("server_error", "timeout"),
        _ => new("server_error", null),
    };

    public static void Write(Utf8JsonWriter json, Kind kind, string message)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", kind.Type);
        json.WriteNull("param");
        if (kind.Code is null) json.WriteNull("code");
        else json.WriteString("code", kind.Code);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // The quota check (issue 16 item 5) may say so in the extension; its title says "quota" either way.
    private static bool IsQuota(ProblemDetails problem) =>
        Extension(problem) == "insufficient_quota"
        || (problem.Title ?? "").Contains("quota", StringComparison.OrdinalIgnoreCase);

    private static string? Extension(ProblemDetails problem) =>
        problem.Extensions.TryGetValue(CodeExtension, out var code) ? code?.ToString() : null;
}
