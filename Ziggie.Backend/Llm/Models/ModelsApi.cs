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
            // The first node that has it answers; a node that does not (404) or is away leaves the question to the next.
            HttpResponseMessage? last = null;
            HttpRequestException? away = null;
            try
            {
                foreach (var node in services.Nodes.All)
                {
                    last?.Dispose();
                    last = null;
                    try
                    {
                        last = await services.Ollama.ShowAsync(node, name, token);
                    }
                    catch (HttpRequestException ex) when (services.Nodes.Several && ex.StatusCode is null)
                    {
                        away = ex;
                        continue;
                    }

                    if (last.IsSuccessStatusCode) return TypedResults.Ok(await last.Content.ReadFromJsonAsync<JsonElement>(token));
                    if (last.StatusCode != HttpStatusCode.NotFound) break;
                }

                return last is null ? throw away! : await ModelFailureAsync(last, name, token);
            }
            finally
            {
                last?.Dispose();
            }
        }, cancellationToken);

    /// <summary>Ollama's progress lines (<c>status</c>, <c>digest</c>, <c>total</c>, <c>completed</c>) as it sends them.</summary>
    /// <remarks>With several nodes, <c>node</c> names the one to pull to; without it the pull goes to each node in turn.</remarks>
    public static async Task<IResult> PullModel(PullBody body, OllamaRelay relay, PullTracker pulls, ModelCatalog catalog, OllamaNodes nodes, HttpContext http)
    {
        if (body.Node is { } named && nodes.Find(named) is null) return UnknownNode(named, nodes);
        if (body.Node is null && nodes.Several) return await NodePulls.PullToEachAsync(body.Model, relay, pulls, catalog, nodes, http);

        var node = body.Node is null ? nodes.First : nodes.Find(body.Node)!;
        using var progress = new PullWatch(pulls.Start(body.Model, node.Name), catalog);
        var call = new OllamaCall(OllamaOperation.Pull, new PullModelRequest { Model = body.Model, Stream = true }, body.Model, Stream: true) { Node = node.Name };
        return (await relay.ForwardAsync(call, http, progress.OnChunk)).Response;
    }

    /// <param name="node">With several nodes, the one to delete from; without it, every node that has the model.</param>
    public static Task<Results<NoContent, ProblemHttpResult>> DeleteModel(
        [ModelName] string name, string? node, [AsParameters] ModelServices services, CancellationToken cancellationToken)
    {
        if (node is not null && services.Nodes.Find(node) is null)
        {
            return Task.FromResult<Results<NoContent, ProblemHttpResult>>(UnknownNode(node, services.Nodes));
        }

        return services.AskAsync<NoContent>(async token =>
        {
            var targets = node is null ? services.Nodes.All : [services.Nodes.Find(node)!];
            HttpResponseMessage? missing = null;
            var deleted = 0;
            try
            {
                foreach (var target in targets)
                {
                    // Never retried: a delete is not Ollama's to repeat.
                    var response = await services.Ollama.DeleteAsync(target, name, token);
                    if (response.IsSuccessStatusCode)
                    {
                        deleted++;
                        services.Router.Deleted(target, name);
                        response.Dispose();
                        continue;
                    }

                    if (response.StatusCode != HttpStatusCode.NotFound)
                    {
                        using (response) return await ModelFailureAsync(response, name, token);
                    }

                    missing?.Dispose();
                    missing = response;
                }

                if (deleted == 0 && missing is not null) return await ModelFailureAsync(missing, name, token);
            }
            finally
            {
                missing?.Dispose();
                if (deleted > 0) services.Catalog.Forget();
            }

            return TypedResults.NoContent();
        }, cancellationToken);
    }

    /// <summary>A node name that is none of this backend's: 400, listing the ones it has.</summary>
    internal static ProblemHttpResult UnknownNode(string name, OllamaNodes nodes) => TypedResults.Problem(
        title: "No such Ollama node",
        detail: $"This backend has no Ollama node '{name}'. Its nodes: {string.Join(", ", nodes.All.Select(n => n.Name))} (GET /api/llm/status lists them).",
        statusCode: StatusCodes.Status400BadRequest);

    private static async Task<ProblemHttpResult> ModelFailureAsync(HttpResponseMessage response, string name, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.NotFound
            ? OllamaFailure.NoSuchModel(name, await OllamaFailure.ReadErrorAsync(response, cancellationToken))
            : await OllamaFailure.FromResponseAsync(response, name, cancellationToken);
}

/// <summary>Body of <c>POST /api/llm/models/pull</c>.</summary>
/// <param name="Node">With several Ollama nodes, the one to pull to (a name from <c>/api/llm/status</c>); without it, every node.</param>
public sealed record PullBody([property: System.ComponentModel.DataAnnotations.Required, ModelName] string Model, string? Node = null);

public sealed class ModelServices(OllamaClient ollama, NodeRouter router, ModelCatalog catalog, IOptions<LlmOptions> options)
{
    public OllamaClient Ollama { get; } = ollama;
    public NodeRouter Router { get; } = router;
    public OllamaNodes Nodes => Router.Nodes;
    public ModelCatalog Catalog { get; } = catalog;
    public IOptions<LlmOptions> Options { get; } = options;

    internal Task<Results<TOk, ProblemHttpResult>> AskAsync<TOk>(
        Func<CancellationToken, Task<Results<TOk, ProblemHttpResult>>> ask, CancellationToken cancellationToken) where TOk : IResult =>
        OllamaQuery.AskAsync(Nodes.First.Shown, Options.Value.QueryTimeout, ask, cancellationToken);
}
