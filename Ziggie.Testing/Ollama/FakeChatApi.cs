using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ziggie.Testing.Ollama;

/// <summary><c>POST /api/chat</c>: the assistant's reply streamed token by token as NDJSON, or in one object for <c>"stream": false</c>.</summary>
internal static class FakeChatApi
{
    private sealed record ChatBodyMessage(string? Role, string? Content);

    private sealed record ChatBody(
        string? Model, List<ChatBodyMessage>? Messages, bool? Stream, bool? Think, List<JsonElement>? Tools,
        JsonElement? KeepAlive, Dictionary<string, JsonElement>? Options);

    public static async Task ChatAsync(FakeExchange exchange)
    {
        var body = await exchange.ReadBodyAsync<ChatBody>();
        if (body is null) return;
        if (string.IsNullOrWhiteSpace(body.Model))
        {
            await exchange.WriteErrorAsync(StatusCodes.Status400BadRequest, "model is required");
            return;
        }
        var model = await CompletionGuard.ResolveModelAsync(exchange, body.Model);
        if (model is null) return;
        var name = body.Model;

        if (body.Messages is not { Count: > 0 } messages)
        {
            await LoadOrUnloadAsync(exchange, model, name, body.KeepAlive);
            return;
        }

        exchange.Fake.Loaded.Load(model);
        var completion = new FakeCompletion(exchange, body.Options, FakeRequestFields.CountTokens(messages.Select(m => m.Content)));

        var thinking = body.Think == true ? exchange.Settings.ThinkingTokens : [];
        var toolCall = body.Tools is { Count: > 0 } && exchange.Settings.ToolCallName is { } tool
            ? GenerationLines.ToolCall(tool, exchange.Settings.ToolCallArguments)
            : null;
        if (body.Stream ?? true)
        {
            var writer = new FakeNdjsonWriter(exchange);
            foreach (var thought in thinking) await writer.WriteAsync(GenerationLines.ChatThinking(name, thought));
            await foreach (var token in completion.RunAsync()) await writer.WriteAsync(GenerationLines.ChatToken(name, token));
            if (toolCall is not null) await writer.WriteAsync(GenerationLines.ChatToolCall(name, toolCall));
            await writer.WriteAsync(GenerationLines.ChatDone(name, completion, ""));
            await writer.EndAsync();
            return;
        }

        // Unstreamed, Ollama puts together what it would have streamed: text, thinking and tool calls in one message.
        var text = new StringBuilder();
        await foreach (var token in completion.RunAsync()) text.Append(token);
        var whole = GenerationLines.ChatDone(name, completion, text.ToString());
        if (thinking.Count > 0) whole["message"]!["thinking"] = string.Concat(thinking);
        if (toolCall is not null) whole["message"]!["tool_calls"] = new JsonArray(toolCall);
        await exchange.WriteJsonAsync(whole);
    }

    // No messages only loads the model, or unloads it with keep_alive 0; either way one object, never a stream.
    private static Task LoadOrUnloadAsync(FakeExchange exchange, FakeModel model, string name, JsonElement? keepAlive)
    {
        if (FakeRequestFields.MeansUnload(keepAlive))
        {
            exchange.Fake.Loaded.Unload(model.Name);
            return exchange.WriteJsonAsync(GenerationLines.ChatEnd(name, "unload"));
        }
        exchange.Fake.Loaded.Load(model);
        return exchange.WriteJsonAsync(GenerationLines.ChatEnd(name, "load"));
    }
}
