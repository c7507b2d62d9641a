using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ziggie.Backend.Gateway.OpenAi;

/// <summary>
/// OpenAI's chat and completion requests turned into Ollama's native ones (the mapping Ollama's own
/// <c>openai</c> package makes): messages and their text and data-URL images, sampling options, stop words,
/// response_format. What has no faithful translation yet is refused with a clear 400 rather than dropped.
/// </summary>
public static class OpenAiRequests
{
    public sealed record Translated(JsonObject Ollama, string Model, bool Stream, bool IncludeUsage, int PromptChars, double? Temperature, int? MaxTokens);

    public static (Translated? Call, ProblemHttpResult? Problem) Chat(JsonObject body)
    {
        if (DoorBody.Model(body, out var model) is { } invalid) return (null, invalid);
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return (null, DoorBody.Invalid("messages is required: a list of {\"role\",\"content\"} objects."));
        }

        if (body["tools"] is JsonArray { Count: > 0 })
        {
            return (null, DoorBody.Invalid("tools are not translated on /v1 yet. Use Ollama's own API at /ollama/api/chat, which passes tools on to Ollama as they are."));
        }

        var list = new JsonArray();
        var chars = 0;
        foreach (var item in messages)
        {
            var (message, problem) = Message(item);
            if (problem is not null) return (null, problem);
            chars += DoorBody.Text(message!, "content")?.Length ?? 0;
            list.Add(message);
        }

        var ollama = new JsonObject { ["model"] = model, ["messages"] = list, ["stream"] = true };
        return Finish(body, ollama, model, chars);
    }

    public static (Translated? Call, ProblemHttpResult? Problem) Completion(JsonObject body)
    {
        if (DoorBody.Model(body, out var model) is { } invalid) return (null, invalid);
        var prompt = body["prompt"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonArray { Count: 1 } one when one[0] is JsonValue v && v.TryGetValue<string>(out var text) => text,
            _ => null,
        };
        if (prompt is null)
        {
            return (null, DoorBody.Invalid("prompt is required: one string (a list of several prompts, or of token ids, is not supported)."));
        }

        var ollama = new JsonObject { ["model"] = model, ["prompt"] = prompt, ["stream"] = true };
        if (DoorBody.Text(body, "suffix") is { } suffix) ollama["suffix"] = suffix;
        return Finish(body, ollama, model, prompt.Length);
    }

    private static (Translated?, ProblemHttpResult?) Finish(JsonObject body, JsonObject ollama, string model, int chars)
    {
        if (body["n"] is JsonNode n && DoorBody.Number(n) is not 1.0)
        {
            return (null, DoorBody.Invalid("n must be 1: Ollama gives one answer per request."));
        }

        var options = new JsonObject();
        foreach (var (from, to) in OptionNames)
        {
            if (body[from] is JsonValue value) options[to] = value.DeepClone();
        }

        switch (body["stop"])
        {
            case JsonValue stop: options["stop"] = new JsonArray(stop.DeepClone()); break;
            case JsonArray stops: options["stop"] = stops.DeepClone(); break;
        }

        if (options.Count > 0) ollama["options"] = options;
        if (body["response_format"] is JsonObject format)
        {
            var type = DoorBody.Text(format, "type");
            var schema = (format["json_schema"] as JsonObject)?["schema"] as JsonObject;
            if (type == "json_object") ollama["format"] = "json";
            else if (type == "json_schema" && schema is not null) ollama["format"] = schema.DeepClone();
        }

        var stream = DoorBody.Flag(body, "stream") ?? false; // OpenAI answers whole unless asked to stream
        var includeUsage = body["stream_options"] is JsonObject streamOptions && DoorBody.Flag(streamOptions, "include_usage") == true;
        int? maxTokens = DoorBody.Number(options["num_predict"]) is { } limit ? (int)limit : null;
        return (new Translated(ollama, model, stream, includeUsage, chars, DoorBody.Number(options["temperature"]), maxTokens), null);
    }

    // OpenAI's name → Ollama's option; max_completion_tokens is the newer name of max_tokens.
    private static readonly (string From, string To)[] OptionNames =
    [
        ("temperature", "temperature"), ("top_p", "top_p"), ("seed", "seed"),
        ("frequency_penalty", "frequency_penalty"), ("presence_penalty", "presence_penalty"),
        ("max_tokens", "num_predict"), ("max_completion_tokens", "num_predict"),
    ];

    private static (JsonObject?, ProblemHttpResult?) Message(JsonNode? item)
    {
        if (item is not JsonObject source || DoorBody.Text(source, "role") is not { } role)
        {
            return (null, DoorBody.Invalid("Every message must be an object with a role (system, user, assistant or tool) and a content."));
        }

        var message = new JsonObject { ["role"] = role == "developer" ? "system" : role };
        switch (source["content"])
        {
            case null:
                message["content"] = "";
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                message["content"] = text;
                break;
            case JsonArray parts:
                var (joined, images, problem) = Parts(parts);
                if (problem is not null) return (null, problem);
                message["content"] = joined;
                if (images!.Count > 0) message["images"] = images;
                break;
            default:
                return (null, DoorBody.Invalid("A message's content must be a string or a list of content parts."));
        }

        return (message, null);
    }

    /// <summary>Text parts joined; images as Ollama takes them (base64), from <c>data:</c> URLs, which is all Ollama can read.</summary>
    private static (string, JsonArray?, ProblemHttpResult?) Parts(JsonArray parts)
    {
        var text = new StringBuilder();
        var images = new JsonArray();
        foreach (var part in parts.OfType<JsonObject>())
        {
            switch (DoorBody.Text(part, "type"))
            {
                case "text":
                    text.Append(DoorBody.Text(part, "text"));
                    break;
                case "image_url":
                    var url = DoorBody.Text(part, "image_url") ?? (part["image_url"] as JsonObject is { } image ? DoorBody.Text(image, "url") : null);
                    var comma = url?.IndexOf(',') ?? -1;
                    if (url is null || !url.StartsWith("data:", StringComparison.Ordinal) || comma < 0)
                    {
                        return ("", null, DoorBody.Invalid("Images must be data: URLs (data:image/png;base64,...): Ollama does not fetch images from the web."));
                    }

                    images.Add(url[(comma + 1)..]);
                    break;
                default:
                    return ("", null, DoorBody.Invalid("Content parts may be of type text or image_url."));
            }
        }

        return (text.ToString(), images, null);
    }
}
