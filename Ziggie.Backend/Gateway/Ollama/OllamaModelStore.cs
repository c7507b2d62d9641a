using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Gateway.Ollama;

/// <summary>
/// The Ollama door's admin routes: pull (through the relay, tracked like a pull from the Models page), delete and
/// copy. Each refreshes the model list at once, as the Models page's own routes do.
/// </summary>
public static class OllamaModelStore
{
    public static async Task<IResult> Pull(HttpContext http, OllamaRelay relay, PullTracker pulls, ModelCatalog catalog, OllamaNodes nodes)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out var model) is { } invalid) return invalid;
        // Ollama's clients pull to "the" server: with several nodes, to each of them in turn, as the Models page does.
        if (nodes.Several) return await NodePulls.PullToEachAsync(model, relay, pulls, catalog, nodes, http);

        var upstream = new JsonObject { ["model"] = model, ["stream"] = true };
        if (DoorBody.Flag(body!, "insecure") is { } insecure) upstream["insecure"] = insecure;
        using var progress = new PullWatch(pulls.Start(model, nodes.First.Name), catalog);
        var call = new OllamaCall(OllamaOperation.Pull, upstream, model, Stream: DoorBody.Flag(body!, "stream") ?? true) { Node = nodes.First.Name };
        return (await relay.ForwardAsync(call, http, progress.OnChunk)).Response;
    }

    public static async Task<IResult> Delete(HttpContext http, OllamaClient ollama, OllamaNodes nodes, ModelCatalog catalog, IOptions<LlmOptions> options)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out var model) is { } invalid) return invalid;
        return await ChangeAsync(http, ollama, nodes, catalog, options, HttpMethod.Delete, "api/delete", new JsonObject { ["model"] = model });
    }

    public static async Task<IResult> Copy(HttpContext http, OllamaClient ollama, OllamaNodes nodes, ModelCatalog catalog, IOptions<LlmOptions> options)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out var source, "source") is { } badSource) return badSource;
        if (DoorBody.Model(body!, out var destination, "destination") is { } badDestination) return badDestination;
        return await ChangeAsync(http, ollama, nodes, catalog, options, HttpMethod.Post, "api/copy", new JsonObject { ["source"] = source, ["destination"] = destination });
    }

    // Never retried (a change is not Ollama's to repeat). With several nodes the change is made on each; the answer
    // is the first node's success, or the last refusal when none had the model.
    private static async Task<IResult> ChangeAsync(
        HttpContext http, OllamaClient ollama, OllamaNodes nodes, ModelCatalog catalog, IOptions<LlmOptions> options, HttpMethod method, string path, JsonObject body)
    {
        OllamaPassage? answer = null;
        foreach (var node in nodes.All)
        {
            var passage = await OllamaPassage.SendAsync(ollama, node, http, method, path, body, readOnly: false, options.Value.QueryTimeout);
            if (answer is null || (passage.IsSuccess && !answer.IsSuccess)) answer = passage;
        }

        if (answer!.IsSuccess) catalog.Forget();
        return answer.AsIs();
    }
}
