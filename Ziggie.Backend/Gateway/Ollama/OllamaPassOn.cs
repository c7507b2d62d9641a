using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Gateway.Ollama;

/// <summary>
/// The Ollama door's questions, answered with Ollama's own body: version, tags, ps and show. With several nodes,
/// tags and ps are every node's lists joined (a model on two nodes listed once), version is the first answering
/// node's, and show goes to a node that has the model, as a generate would.
/// </summary>
public static class OllamaPassOn
{
    public static Task<IResult> Version(HttpContext http, OllamaClient ollama, NodeRouter router, IOptions<LlmOptions> options) =>
        AskAsync(http, ollama, router.Nodes.All.FirstOrDefault(n => n.View.Online) ?? router.Nodes.First, options, "api/version");

    public static Task<IResult> Tags(HttpContext http, OllamaClient ollama, NodeRouter router, IOptions<LlmOptions> options) =>
        router.Nodes.Several ? JoinAsync(http, ollama, router.Nodes, options, "api/tags") : AskAsync(http, ollama, router.Nodes.First, options, "api/tags");

    public static Task<IResult> Running(HttpContext http, OllamaClient ollama, NodeRouter router, IOptions<LlmOptions> options) =>
        router.Nodes.Several ? JoinAsync(http, ollama, router.Nodes, options, "api/ps") : AskAsync(http, ollama, router.Nodes.First, options, "api/ps");

    /// <summary>The body goes on whole (<c>verbose</c> included); only the model name is checked first.</summary>
    public static async Task<IResult> Show(HttpContext http, OllamaClient ollama, NodeRouter router, IOptions<LlmOptions> options)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out var model) is { } invalid) return invalid;
        if (await router.ChooseAsync(model, except: null, http.RequestAborted) is not { } node)
        {
            return OllamaFailure.ModelNotFound(model, $"no Ollama node has it: {string.Join(", ", router.Nodes.All.Select(n => n.Name))}");
        }

        var passage = await OllamaPassage.SendAsync(ollama, node, http, HttpMethod.Post, "api/show", body, readOnly: true, options.Value.QueryTimeout);
        return passage.AsIs();
    }

    private static async Task<IResult> AskAsync(HttpContext http, OllamaClient ollama, OllamaNode node, IOptions<LlmOptions> options, string path)
    {
        var method = HttpMethods.IsHead(http.Request.Method) ? HttpMethod.Head : HttpMethod.Get;
        var passage = await OllamaPassage.SendAsync(ollama, node, http, method, path, null, readOnly: true, options.Value.QueryTimeout);
        return passage.AsIs();
    }

    /// <summary>Every node's <c>models</c>, in node order, each model once; an error only when no node answered.</summary>
    private static async Task<IResult> JoinAsync(HttpContext http, OllamaClient ollama, OllamaNodes nodes, IOptions<LlmOptions> options, string path)
    {
        var passages = await Task.WhenAll(nodes.All.Select(node =>
            OllamaPassage.SendAsync(ollama, node, http, HttpMethod.Get, path, null, readOnly: true, options.Value.QueryTimeout)));
        if (passages.FirstOrDefault(p => p.IsSuccess) is null) return passages[0].AsIs();

        var models = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in passages.Where(p => p.IsSuccess))
        {
            if (JsonNode.Parse(passage.Body)?["models"] is not JsonArray list) continue;
            foreach (var model in list)
            {
                if (model?["name"]?.GetValue<string>() is { } name && !seen.Add(name)) continue;
                models.Add(model?.DeepClone());
            }
        }

        if (HttpMethods.IsHead(http.Request.Method)) return TypedResults.Ok();
        return TypedResults.Json(new JsonObject { ["models"] = models });
    }
}
