using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

/// <summary>The steps the key tests share (each test makes its own users and keys).</summary>
public static class KeyClients
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A new user of that role, signed in with a JWT.</summary>
    public static async Task<(HttpClient Signed, UserDocument User)> NewUserAsync(this TestBackend ziggie, string role = Roles.User)
    {
        var name = $"u{Guid.NewGuid():N}"[..20];
        var client = ziggie.ClientFor(role, name);
        return (client, (await ziggie.Users.FindByUsernameAsync(name, Cancel))!);
    }

    /// <summary>Creates a key through the API and returns the create answer.</summary>
    public static async Task<JsonElement> CreateKeyAsync(this HttpClient signedIn, string name = "my script", object? expiresAt = null)
    {
        object body = expiresAt is null ? new { name } : new { name, expires_at = expiresAt };
        var response = await signedIn.PostAsJsonAsync("/api/auth/keys", body, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    public static HttpClient KeyClient(this TestBackend ziggie, JsonElement created) => ziggie.ClientWithToken(created.GetProperty("key").GetString()!);

    public static Task<HttpResponseMessage> GenerateAsync(this HttpClient client, bool stream = false) =>
        client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "Say hello", stream }, Cancel);

    public static Task<HttpResponseMessage> ChatAsync(this HttpClient client, bool stream = false) =>
        client.PostAsJsonAsync("/api/llm/chat", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, stream }, Cancel);
}
