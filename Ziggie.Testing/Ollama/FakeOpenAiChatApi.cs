using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ziggie.Testing.Ollama;

/// <summary>
/// <c>POST /v1/chat/completions</c> as Ollama's own OpenAI-compatible layer answers it: server-sent events of
/// <c>chat.completion.chunk</c> objects ending in <c>data: [DONE]</c> (a usage chunk first with
/// <c>stream_options.include_usage</c>), or one <c>chat.completion</c> object. Errors in OpenAI's shape.
/// </summary>
internal static class FakeOpenAiChatApi
{
    private sealed record ChatBodyMessage(string? Role, string? Content);

    private sealed record StreamOptions(bool? IncludeUsage);

    private sealed record ChatBody(string? Model, List<ChatBodyMessage>? Messages, bool? Stream, StreamOptions? StreamOptions, int? MaxTokens);

    public static async Task ChatCompletionsAsync(FakeExchange exchange)
    {
        var body = await exchange.ReadBodyAsync<ChatBody>();
        if (body is null) return;
        if (exchange.Fake.LocalModels.Find(body.Model) is not { } model)
        {
            await WriteErrorAsync(exchange, StatusCodes.Status404NotFound, $"model \"{body.Model}\" not found, try pulling it first", "api_error");
            return;
        }
        if (body.Messages is not { Count: > 0 } messages)
        {
            await WriteErrorAsync(exchange, StatusCodes.Status400BadRequest, "[] is too short - 'messages'", "invalid_request_error");
            return;
        }

        exchange.Fake.Loaded.Load(model);
        Dictionary<string, JsonElement>? options = body.MaxTokens is { } max ? new() { ["num_predict"] = JsonSerializer.SerializeToElement(max) } : null;
        var completion = new FakeCompletion(exchange, options, FakeRequestFields.CountTokens(messages.Select(m => m.Content)));
        var id = $"chatcmpl-{Random.Shared.Next(1000)}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var name = body.Model!;

        if (body.Stream != true)
        {
            var text = new StringBuilder();
            await foreach (var token in completion.RunAsync()) text.Append(token);
            var message = new JsonObject { ["role"] = "assistant", ["content"] = text.ToString() };
            await exchange.WriteJsonAsync(Completion(id, created, name, "chat.completion", new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = completion.DoneReason,
            }, Usage(completion)));
            return;
        }

        var response = exchange.Http.Response;
        response.ContentType = "text/event-stream";
        await foreach (var token in completion.RunAsync())
        {
            await WriteEventAsync(exchange, Chunk(id, created, name, new JsonObject { ["role"] = "assistant", ["content"] = token }, null));
        }
        await WriteEventAsync(exchange, Chunk(id, created, name, new JsonObject { ["role"] = "assistant", ["content"] = "" }, completion.DoneReason));
        if (body.StreamOptions?.IncludeUsage == true)
        {
            await WriteEventAsync(exchange, Completion(id, created, name, "chat.completion.chunk", null, Usage(completion)).ToJsonString());
        }
        await WriteRawAsync(exchange, "data: [DONE]\n\n");
    }

    private static string Chunk(string id, long created, string model, JsonObject delta, string? finishReason) =>
        Completion(id, created, model, "chat.completion.chunk", new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        }, usage: null).ToJsonString();

    private static JsonObject Completion(string id, long created, string model, string kind, JsonObject? choice, JsonObject? usage)
    {
        var completion = new JsonObject
        {
            ["id"] = id,
            ["object"] = kind,
            ["created"] = created,
            ["model"] = model,
            ["system_fingerprint"] = "fp_ollama",
            ["choices"] = choice is null ? new JsonArray() : new JsonArray(choice),
        };
        if (usage is not null) completion["usage"] = usage;
        return completion;
    }

    private static JsonObject Usage(FakeCompletion completion) => new()
    {
        ["prompt_tokens"] = completion.PromptTokens,
        ["completion_tokens"] = completion.Tokens.Count,
        ["total_tokens"] = completion.PromptTokens + completion.Tokens.Count,
    };

    private static Task WriteEventAsync(FakeExchange exchange, string json)
    {
        exchange.Record.CountChunk();
        return WriteRawAsync(exchange, $"data: {json}\n\n");
    }

    private static async Task WriteRawAsync(FakeExchange exchange, string text)
    {
        await exchange.Http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), exchange.Cancelled);
        await exchange.Http.Response.Body.FlushAsync(exchange.Cancelled);
    }

    private static Task WriteErrorAsync(FakeExchange exchange, int status, string message, string type)
    {
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = null } };
        return exchange.WriteJsonAsync(error, status);
    }
}
