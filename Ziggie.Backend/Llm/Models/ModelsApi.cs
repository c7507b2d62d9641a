using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OllamaSharp.Models;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Llm;

/// <summary><c>/api/llm/models</c>: Ollama's local models, listed, shown, pulled and deleted.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder llm)
    {
        var models = llm.MapGroup("/models");
        models.MapGet("", ListModels);
        models.MapGet("/{name}", ShowModel);

        // Pulling and deleting change Ollama's model store for every user: admins only, decided here in one place.
        var manage = models.MapGroup("").RequireAuthorization(Auth.Policies.Admin);
        manage.MapPost("/pull", PullModel)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        manage.MapDelete("/{name}", DeleteModel);

        return llm;
    }

    public static Task<Results<Ok<ModelList>, ProblemHttpResult>> ListModels([AsParameters] ModelServices services, CancellationToken cancellationToken) =>
        services.AskAsync<Ok<ModelList>>(async token => TypedResults.Ok(await services.Catalog.ListAsync(token)), cancellationToken);

    /// <summary>Ollama's <c>/api/show</c> answer as it came: details, parameters, template, capabilities.</summary>
    public static Task<Results<Ok<JsonElement>, ProblemHttpResult>> ShowModel(
        [ModelName] string name, [AsParameters] ModelServices services, CancellationToken cancellationToken) =>
        services.AskAsync<Ok<JsonElement>>(async token =>
        {
            using var response = await services.Ollama.ShowAsync(name, token);
            if (!response.IsSuccessStatusCode)
            {
                return await ModelFailureAsync(response, name, token);
            }

            return TypedResults.Ok(await response.Content.ReadFromJsonAsync<JsonElement>(token));
        }, cancellationToken);

    /// <summary>Ollama's progress lines (<c>status</c>, <c>digest</c>, <c>total</c>, <c>completed</c>) as it sends them.</summary>
    public static async Task<IResult> PullModel(PullBody body, OllamaRelay relay, PullTracker pulls, ModelCatalog catalog, HttpContext http)
    {
        using var progress = new PullWatch(pulls.Start(body.Model), catalog);
        var call = new OllamaCall(OllamaOperation.Pull, new PullModelRequest { Model = body.Model, Stream = true }, body.Model, Stream: true);
        return (await relay.ForwardAsync(call, http, progress.OnChunk)).Response;
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteModel(
        [ModelName] string name, [AsParameters] ModelServices services, CancellationToken cancellationToken) =>
        services.AskAsync<NoContent>(async token =>
        {
            // Never retried: a delete is not Ollama's to repeat.
            using var response = await services.Ollama.DeleteAsync(name, token);
            if (!response.IsSuccessStatusCode)
            {
                return await ModelFailureAsync(response, name, token);
            }

            services.Catalog.Forget();
            return TypedResults.NoContent();
        }, cancellationToken);

    private static async Task<ProblemHttpResult> ModelFailureAsync(HttpResponseMessage response, string name, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.NotFound
            ? OllamaFailure.NoSuchModel(name, await OllamaFailure.ReadErrorAsync(response, cancellationToken))
            : await OllamaFailure.FromResponseAsync(response, name, cancellationToken);
}

/// <summary>Body of <c>POST /api/llm/models/pull</c>.</summary>
public sealed record PullBody([property: System.ComponentModel.DataAnnotations.Required, ModelName] string Model);

public sealed class ModelServices(OllamaClient ollama, ModelCatalog catalog, IOptions<LlmOptions> options)
{
    public OllamaClient Ollama { get; } = ollama;
    public ModelCatalog Catalog { get; } = catalog;
    public IOptions<LlmOptions> Options { get; } = options;

    internal Task<Results<TOk, ProblemHttpResult>> AskAsync<TOk>(
        Func<CancellationToken, Task<Results<TOk, ProblemHttpResult>>> ask, CancellationToken cancellationToken) where TOk : IResult =>
        OllamaQuery.AskAsync(Ollama.Shown, Options.Value.QueryTimeout, ask, cancellationToken);
}
