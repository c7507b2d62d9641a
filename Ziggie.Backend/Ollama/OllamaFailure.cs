using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Ollama;

/// <summary>
/// Why a call to Ollama did not give an answer, worded for the person reading the ProblemDetails.
/// </summary>
public static class OllamaFailure
{
    public static ProblemHttpResult Unreachable(string ollama, Exception error) => TypedResults.Problem(
        title: "Ollama is unreachable",
        detail: $"Ollama at {ollama} did not answer ({error.Message}). Check the 'ollama' resource in the Aspire dashboard; " +
                "GET /api/llm/status shows what this backend sees.",
        statusCode: StatusCodes.Status503ServiceUnavailable);

    public static ProblemHttpResult NoFirstToken(string ollama, TimeSpan waited) => TypedResults.Problem(
        title: "Ollama sent no answer in time",
        detail: $"Ollama at {ollama} sent nothing within {waited.TotalSeconds:0.###} s. A large model may still be loading: " +
                $"try again, or raise {LlmOptions.Section}:{nameof(LlmOptions.FirstTokenTimeout)}.",
        statusCode: StatusCodes.Status504GatewayTimeout);

    public static ProblemHttpResult QueryTimedOut(string ollama, TimeSpan waited) => TypedResults.Problem(
        title: "Ollama did not answer in time",
        detail: $"Ollama at {ollama} did not answer within {waited.TotalSeconds:0.###} s. It may be busy loading a model; try again.",
        statusCode: StatusCodes.Status504GatewayTimeout);

    public static async Task<ProblemHttpResult> FromResponseAsync(HttpResponseMessage response, string? model, CancellationToken cancellationToken)
    {
        var error = await ReadErrorAsync(response, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => ModelNotFound(model, error),
            HttpStatusCode.BadRequest => TypedResults.Problem(
                title: "Ollama refused the request",
                detail: $"Ollama said: {error}",
                statusCode: StatusCodes.Status400BadRequest),
            _ => UpstreamError((int)response.StatusCode, error),
        };
    }

    public static ProblemHttpResult ModelNotFound(string? model, string ollamaSaid) => TypedResults.Problem(
        title: "Model not found",
        detail: $"Ollama has no model '{model}' ({ollamaSaid}). Pull it first: `ollama pull {model}`, or pick one from GET /api/llm/models.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>For show and delete, where "pull it first" would be the wrong advice.</summary>
    public static ProblemHttpResult NoSuchModel(string model, string ollamaSaid) => TypedResults.Problem(
        title: "Model not found",
        detail: $"Ollama has no model '{model}' ({ollamaSaid}). GET /api/llm/models lists the models it has.",
        statusCode: StatusCodes.Status404NotFound);

    /// <param name="status">Ollama's HTTP status, or null when it reported the error inside a 200 answer.</param>
    public static ProblemHttpResult UpstreamError(int? status, string ollamaSaid) => TypedResults.Problem(
        title: "Ollama failed",
        detail: $"Ollama {(status is { } code ? $"answered {code}" : "reported an error")}: {ollamaSaid}. " +
                "Its log is under the 'ollama' resource in the Aspire dashboard.",
        statusCode: StatusCodes.Status502BadGateway);

    /// <summary>Ollama puts its reason in <c>{"error": "..."}</c>; anything else is shown as it came.</summary>
    internal static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? "no reason given" : body.Trim();
    }
}
