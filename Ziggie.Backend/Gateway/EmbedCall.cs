using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Ollama;
using Ziggie.Backend.Usage;

namespace Ziggie.Backend.Gateway;

/// <summary>
/// An embedding call from either door (<c>/api/embed</c>, <c>/api/embeddings</c>, <c>/v1/embeddings</c>): one JSON
/// answer, not a stream, so it takes the pass-through path; it is logged like a generation, with the prompt
/// tokens Ollama counted. The first-token limit bounds it, since a model may have to load first.
/// </summary>
public sealed class EmbedCall(OllamaClient ollama, NodeRouter router, IOptions<LlmOptions> options, GenerationRecorder recorder)
{
    public const string Kind = "embed";

    public async Task<OllamaPassage> SendAsync(HttpContext http, string path, JsonObject body, string model, int promptChars)
    {
        var usage = recorder.Begin(http, http.Caller(), Kind, model, promptChars);
        var result = new CallResult(keepText: false);
        var passage = await SendToNodeAsync(http, path, body, model, result);
        if (passage.Failure is { } failure) result.Finish(failure, null);
        else if (!passage.IsSuccess) result.FailWithStatus(passage.Status);
        else result.OnChunk(new OllamaChunk(true, null, null, null, null, PromptTokens(passage.Body)), last: true);
        await recorder.FinishAsync(usage, result);
        return passage;
    }

    /// <summary>To a node that has the model, as a generate goes; one that cannot be reached leaves the rotation.</summary>
    private async Task<OllamaPassage> SendToNodeAsync(HttpContext http, string path, JsonObject body, string model, CallResult result)
    {
        if (await router.ChooseAsync(model, except: null, http.RequestAborted) is not { } node)
        {
            var detail = $"no Ollama node has it: {string.Join(", ", router.Nodes.All.Select(n => n.Name))}";
            return new OllamaPassage(StatusCodes.Status404NotFound, null, [], OllamaFailure.ModelNotFound(model, detail), null);
        }

        result.Routed(node.Name);
        http.Response.Headers[NodeRouter.HeaderName] = node.Name;
        using var inFlight = node.Enter();
        var passage = await OllamaPassage.SendAsync(ollama, node, http, HttpMethod.Post, path, body, readOnly: false, options.Value.FirstTokenTimeout);
        if (passage.Failure == CallEnd.Broken) router.Failed(node, "the connection failed");
        else router.Ended(node, model, answered: passage.IsSuccess);
        return passage;
    }

    /// <summary>The characters embedded: <c>input</c> (a string or strings) or the older <c>prompt</c>.</summary>
    public static int InputChars(JsonNode? input) => input switch
    {
        JsonArray items => items.Sum(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : 0),
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length,
        _ => 0,
    };

    private static int? PromptTokens(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("prompt_eval_count", out var count) && count.TryGetInt32(out var tokens) ? tokens : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
