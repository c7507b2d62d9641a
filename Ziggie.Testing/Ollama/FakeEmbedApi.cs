using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ziggie.Testing.Ollama;

/// <summary>
/// <c>POST /api/embed</c>: one unit-length vector per input, derived from the text so equal inputs embed equally;
/// and the older <c>POST /api/embeddings</c> (<c>prompt</c> in, one <c>embedding</c> out, no statistics).
/// </summary>
internal static class FakeEmbedApi
{
    private sealed record EmbedBody(string? Model, JsonElement? Input, int? Dimensions);

    private sealed record EmbeddingsBody(string? Model, string? Prompt);

    private sealed record EmbeddingsReply(float[] Embedding);

    private sealed record EmbedReply(
        string Model, float[][] Embeddings, long? TotalDuration = null, long? LoadDuration = null, int? PromptEvalCount = null);

    public static async Task EmbedAsync(FakeExchange exchange)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await exchange.ReadBodyAsync<EmbedBody>();
        if (body is null) return;
        if (Inputs(body.Input) is not { } inputs)
        {
            await exchange.WriteErrorAsync(StatusCodes.Status400BadRequest, "invalid input type");
            return;
        }
        var name = body.Model ?? "";
        if (exchange.Fake.LocalModels.Find(name) is not { } model)
        {
            await exchange.WriteErrorAsync(StatusCodes.Status404NotFound, $"model '{name}' not found");
            return;
        }

        exchange.Fake.Loaded.Load(model);
        if (inputs.Count == 0)
        {
            await exchange.WriteJsonAsync(new EmbedReply(name, []));
            return;
        }

        var dimensions = Math.Min(exchange.Settings.EmbeddingDimensions, body.Dimensions is > 0 and var d ? d : int.MaxValue);
        var nanoseconds = Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds);
        await exchange.WriteJsonAsync(new EmbedReply(
            name, [.. inputs.Select(text => Vector(text, dimensions))], nanoseconds, 1,
            FakeRequestFields.CountTokens(inputs)));
    }

    public static async Task EmbeddingsAsync(FakeExchange exchange)
    {
        var body = await exchange.ReadBodyAsync<EmbeddingsBody>();
        if (body is null) return;
        var name = body.Model ?? "";
        if (exchange.Fake.LocalModels.Find(name) is not { } model)
        {
            await exchange.WriteErrorAsync(StatusCodes.Status404NotFound, $"model \"{name}\" not found, try pulling it first");
            return;
        }

        exchange.Fake.Loaded.Load(model);
        // An empty prompt only loads the model and answers an empty vector.
        var vector = string.IsNullOrEmpty(body.Prompt) ? [] : Vector(body.Prompt, exchange.Settings.EmbeddingDimensions);
        await exchange.WriteJsonAsync(new EmbeddingsReply(vector));
    }

    // Ollama takes a string or an array of strings; an empty string means "just load the model".
    private static IReadOnlyList<string>? Inputs(JsonElement? input) => input switch
    {
        null or { ValueKind: JsonValueKind.Null } => [],
        { ValueKind: JsonValueKind.String } text => text.GetString() is { Length: > 0 } s ? [s] : [],
        { ValueKind: JsonValueKind.Array } array when array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            [.. array.EnumerateArray().Select(e => e.GetString()!)],
        _ => null,
    };

    private static float[] Vector(string text, int dimensions)
    {
        var values = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{i / 32}:{text}"));
            values[i] = (hash[i % 32] - 127.5f) / 127.5f;
        }
        var length = MathF.Sqrt(values.Sum(v => v * v));
        return [.. values.Select(v => v / Math.Max(length, 1e-12f))];
    }
}
