using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ziggie.Testing.Ollama;

/// <summary>JSON as Ollama's Go server writes it: snake_case names, empty optional fields left out, UTF-8 kept as is.</summary>
internal static class FakeOllamaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}

/// <summary>Ollama's error body for every failure: <c>{"error": "..."}</c>.</summary>
internal sealed record FakeOllamaError(string Error);
