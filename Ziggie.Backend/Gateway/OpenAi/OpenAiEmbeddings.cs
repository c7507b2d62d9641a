using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Gateway.OpenAi;

/// <summary>
/// <c>POST /v1/embeddings</c> through Ollama's <c>/api/embed</c>. Vectors as numbers, or as base64 of little-endian
/// float32 with <c>encoding_format: base64</c>, which is what OpenAI's SDKs ask for by default.
/// </summary>
public static class OpenAiEmbeddings
{
    public static async Task<IResult> Create(HttpContext http, EmbedCall embed)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out var model) is { } invalid) return invalid;
        var input = body!["input"];
        var isText = input is JsonValue v && v.TryGetValue<string>(out _)
            || input is JsonArray { Count: > 0 } items && items.All(i => i is JsonValue s && s.TryGetValue<string>(out _));
        if (!isText)
        {
            return DoorBody.Invalid("input is required: a string or a list of strings (token ids are not supported).");
        }

        var base64 = DoorBody.Text(body, "encoding_format") switch
        {
            null or "float" => false,
            "base64" => true,
            _ => (bool?)null,
        };
        if (base64 is null) return DoorBody.Invalid("encoding_format must be float or base64.");

        var upstream = new JsonObject { ["model"] = model, ["input"] = input!.DeepClone() };
        if (body["dimensions"] is JsonValue dimensions) upstream["dimensions"] = dimensions.DeepClone();
        var passage = await embed.SendAsync(http, "api/embed", upstream, model, EmbedCall.InputChars(input));
        if (passage.Problem is { } failed) return failed;
        if (!passage.IsSuccess) return await OllamaRefusedAsync(passage, model);

        using var answer = JsonDocument.Parse(passage.Body);
        var data = new JsonArray();
        var index = 0;
        foreach (var vector in answer.RootElement.GetProperty("embeddings").EnumerateArray())
        {
            data.Add(new JsonObject { ["object"] = "embedding", ["embedding"] = Vector(vector, base64.Value), ["index"] = index++ });
        }

        var tokens = answer.RootElement.TryGetProperty("prompt_eval_count", out var count) && count.TryGetInt32(out var n) ? n : 0;
        return TypedResults.Ok(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private static JsonNode Vector(JsonElement vector, bool base64)
    {
        var values = vector.EnumerateArray().Select(e => e.GetSingle()).ToArray();
        if (!base64) return new JsonArray([.. values.Select(x => (JsonNode)x)]);
        return Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan())); // little-endian on every platform .NET runs here
    }

    private static async Task<IResult> OllamaRefusedAsync(OllamaPassage passage, string model)
    {
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)passage.Status) { Content = new ByteArrayContent(passage.Body) };
        return await OllamaFailure.FromResponseAsync(response, model, CancellationToken.None);
    }
}
