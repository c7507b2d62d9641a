using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Gateway;

/// <summary>
/// A door's request body read as a JSON object and kept whole, so fields Ziggie does not model (options, format,
/// tools, images, keep_alive, think, ...) reach Ollama as the caller sent them. Problems come back as
/// ProblemDetails, which the door renders in its own error shape.
/// </summary>
public static class DoorBody
{
    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return node is JsonObject body
                ? (body, null)
                : (null, Invalid("The request body must be one JSON object ({...})."));
        }
        catch (JsonException ex)
        {
            return (null, Invalid($"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}). Send one JSON object."));
        }
    }

    /// <summary>The <c>model</c> field (or Ollama's older <c>name</c>), checked like every model name Ziggie forwards.</summary>
    public static ProblemHttpResult? Model(JsonObject body, out string model, string field = "model")
    {
        model = Text(body, field) ?? (field == "model" ? Text(body, "name") : null) ?? "";
        if (model.Length == 0) return Invalid($"{field} is required: the name of a model, such as llama3.2.");
        return new ModelNameAttribute().IsValid(model)
            ? null
            : Invalid($"'{model}' is not an Ollama model name such as llama3.2 or qwen2.5:0.5b (letters, digits, '.', '_', '-', ':').");
    }

    public static string? Text(JsonObject body, string field) =>
        body[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool? Flag(JsonObject body, string field) =>
        body[field] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
