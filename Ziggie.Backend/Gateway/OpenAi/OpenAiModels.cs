using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Gateway.OpenAi;

/// <summary><c>GET /v1/models</c> and <c>/v1/models/{model}</c>: Ollama's local models in OpenAI's list shape, from the cached list.</summary>
public static class OpenAiModels
{
    public static Task<Results<Ok<JsonObject>, ProblemHttpResult>> List([AsParameters] ModelServices services, CancellationToken cancellationToken) =>
        services.AskAsync<Ok<JsonObject>>(async token =>
        {
            var list = await services.Catalog.ListAsync(token);
            return TypedResults.Ok(new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. list.Models.Select(m => (JsonNode)Entry(m.Name, m.ModifiedAt))]),
            });
        }, cancellationToken);

    public static Task<Results<Ok<JsonObject>, ProblemHttpResult>> Find(string model, [AsParameters] ModelServices services, CancellationToken cancellationToken) =>
        services.AskAsync<Ok<JsonObject>>(async token =>
        {
            var list = await services.Catalog.ListAsync(token);
            var found = list.Models.FirstOrDefault(m => m.Name == model || m.Name == $"{model}:latest");
            return found is null
                ? TypedResults.Problem(title: "Model not found", statusCode: StatusCodes.Status404NotFound,
                    detail: $"Ollama has no model '{model}'. GET /v1/models lists the models it has; an admin can pull more.")
                : TypedResults.Ok(Entry(found.Name, found.ModifiedAt));
        }, cancellationToken);

    private static JsonObject Entry(string name, DateTime modified) => new()
    {
        ["id"] = name,
        ["object"] = "model",
        ["created"] = new DateTimeOffset(DateTime.SpecifyKind(modified, DateTimeKind.Utc)).ToUnixTimeSeconds(),
        ["owned_by"] = "library",
    };
}
