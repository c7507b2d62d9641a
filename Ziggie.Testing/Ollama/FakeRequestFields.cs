using System.Text.Json;

namespace Ziggie.Testing.Ollama;

/// <summary>Requests' <c>options</c> and <c>keep_alive</c> as Ollama reads them.</summary>
internal static class FakeRequestFields
{
    /// <summary><c>options.num_predict</c> when it limits the output; Ollama treats zero and negatives as "no limit".</summary>
    public static int? NumPredict(Dictionary<string, JsonElement>? options) =>
        options?.GetValueOrDefault("num_predict") is { ValueKind: JsonValueKind.Number } value
        && value.TryGetInt32(out var limit) && limit > 0
            ? limit
            : null;

    /// <summary>True for <c>"keep_alive": 0</c> (or "0s"/"0m"), which asks Ollama to unload the model.</summary>
    public static bool MeansUnload(JsonElement? keepAlive) => keepAlive switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble() == 0,
        { ValueKind: JsonValueKind.String } text => text.GetString()?.Trim() is "0" or "0s" or "0m" or "0h",
        _ => false,
    };

    /// <summary>A rough token count for prompt statistics: one per word, at least one.</summary>
    public static int CountTokens(IEnumerable<string?> texts) =>
        Math.Max(1, texts.Sum(t => t?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length ?? 0));
}
