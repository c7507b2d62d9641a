using System.Text.Json;

namespace Ziggie.Tests.Gateway;

/// <summary>Asserts an error answer in a door's own shape, which is what that door's clients parse.</summary>
public static class DoorErrors
{
    /// <summary>Ollama's <c>{"error":"..."}</c>, nothing else.</summary>
    public static async Task<string> AssertOllamaAsync(HttpResponseMessage response, int status, string says)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("error", property.Name);
        Assert.Contains(says, property.Value.GetString(), StringComparison.OrdinalIgnoreCase);
        return property.Value.GetString()!;
    }

    /// <summary>OpenAI's <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static async Task<JsonElement> AssertOpenAiAsync(HttpResponseMessage response, int status, string type, string? code, string says)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(says, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        return error.Clone();
    }
}
