using System.Text.Json.Nodes;

namespace Ziggie.Testing.Ollama;

/// <summary>The objects <c>/api/generate</c> and <c>/api/chat</c> send, field for field as Ollama's api types define them.</summary>
internal static class GenerationLines
{
    public static JsonObject GenerateToken(string model, string token) => new()
    {
        ["model"] = model,
        ["created_at"] = DateTime.UtcNow,
        ["response"] = token,
        ["done"] = false,
    };

    // Streamed, the final chunk's response is empty; unstreamed, it carries the whole text.
    public static JsonObject GenerateDone(string model, FakeCompletion completion, string response, bool withContext)
    {
        var line = GenerateEnd(model, completion.DoneReason, response);
        if (withContext)
        {
            line["context"] = new JsonArray([.. Enumerable.Range(1, completion.PromptTokens + completion.Tokens.Count).Select(id => (JsonNode)id)]);
        }
        completion.AddStatistics(line);
        return line;
    }

    /// <summary>The single object for a load ("load") or unload ("unload") request: an empty prompt.</summary>
    public static JsonObject GenerateEnd(string model, string doneReason, string response = "") => new()
    {
        ["model"] = model,
        ["created_at"] = DateTime.UtcNow,
        ["response"] = response,
        ["done"] = true,
        ["done_reason"] = doneReason,
    };

    public static JsonObject GenerateThinking(string model, string thought) => new()
    {
        ["model"] = model,
        ["created_at"] = DateTime.UtcNow,
        ["response"] = "",
        ["thinking"] = thought,
        ["done"] = false,
    };

    public static JsonObject ChatThinking(string model, string thought)
    {
        var message = AssistantMessage("");
        message["thinking"] = thought;
        return new() { ["model"] = model, ["created_at"] = DateTime.UtcNow, ["message"] = message, ["done"] = false };
    }

    /// <summary>A parsed tool call as Ollama streams it: its own chunk, empty content, the call in <c>message.tool_calls</c>.</summary>
    public static JsonObject ChatToolCall(string model, JsonObject call)
    {
        var message = AssistantMessage("");
        message["tool_calls"] = new JsonArray(call);
        return new() { ["model"] = model, ["created_at"] = DateTime.UtcNow, ["message"] = message, ["done"] = false };
    }

    public static JsonObject ToolCall(string name, string arguments) =>
        new() { ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonNode.Parse(arguments) } };

    public static JsonObject ChatToken(string model, string token) => new()
    {
        ["model"] = model,
        ["created_at"] = DateTime.UtcNow,
        ["message"] = AssistantMessage(token),
        ["done"] = false,
    };

    public static JsonObject ChatDone(string model, FakeCompletion completion, string content)
    {
        var line = ChatEnd(model, completion.DoneReason, content);
        completion.AddStatistics(line);
        return line;
    }

    public static JsonObject ChatEnd(string model, string doneReason, string content = "") => new()
    {
        ["model"] = model,
        ["created_at"] = DateTime.UtcNow,
        ["message"] = AssistantMessage(content),
        ["done_reason"] = doneReason,
        ["done"] = true,
    };

    private static JsonObject AssistantMessage(string content) => new() { ["role"] = "assistant", ["content"] = content };
}
