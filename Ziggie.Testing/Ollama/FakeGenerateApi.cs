using System.Text;
using System.Text.Json;

namespace Ziggie.Testing.Ollama;

/// <summary><c>POST /api/generate</c>: streams the configured tokens as NDJSON, or returns them in one object for <c>"stream": false</c>.</summary>
internal static class FakeGenerateApi
{
    private sealed record GenerateBody(
        string? Model, string? Prompt, string? System, bool? Stream, bool? Raw, bool? Think,
        JsonElement? KeepAlive, Dictionary<string, JsonElement>? Options);

    public static async Task GenerateAsync(FakeExchange exchange)
    {
        var body = await exchange.ReadBodyAsync<GenerateBody>();
        if (body is null) return;
        var model = await CompletionGuard.ResolveModelAsync(exchange, body.Model);
        if (model is null) return;
        var name = body.Model!;

        if (string.IsNullOrEmpty(body.Prompt))
        {
            await LoadOrUnloadAsync(exchange, model, name, body.KeepAlive);
            return;
        }

        exchange.Fake.Loaded.Load(model);
        var completion = new FakeCompletion(exchange, body.Options, FakeRequestFields.CountTokens([body.System, body.Prompt]));
        var withContext = body.Raw != true;

        var thinking = body.Think == true ? exchange.Settings.ThinkingTokens : [];
        if (body.Stream ?? true)
        {
            var writer = new FakeNdjsonWriter(exchange);
            foreach (var thought in thinking) await writer.WriteAsync(GenerationLines.GenerateThinking(name, thought));
            await foreach (var token in completion.RunAsync()) await writer.WriteAsync(GenerationLines.GenerateToken(name, token));
            await writer.WriteAsync(GenerationLines.GenerateDone(name, completion, "", withContext));
            await writer.EndAsync();
            return;
        }

        var text = new StringBuilder();
        await foreach (var token in completion.RunAsync()) text.Append(token);
        var whole = GenerationLines.GenerateDone(name, completion, text.ToString(), withContext);
        if (thinking.Count > 0) whole["thinking"] = string.Concat(thinking);
        await exchange.WriteJsonAsync(whole);
    }

    // An empty prompt only loads the model, or unloads it with keep_alive 0; either way one object, never a stream.
    private static Task LoadOrUnloadAsync(FakeExchange exchange, FakeModel model, string name, JsonElement? keepAlive)
    {
        if (FakeRequestFields.MeansUnload(keepAlive))
        {
            exchange.Fake.Loaded.Unload(model.Name);
            return exchange.WriteJsonAsync(GenerationLines.GenerateEnd(name, "unload"));
        }
        exchange.Fake.Loaded.Load(model);
        return exchange.WriteJsonAsync(GenerationLines.GenerateEnd(name, "load"));
    }
}
