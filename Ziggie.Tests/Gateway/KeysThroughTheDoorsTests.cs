using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models.Chat;
using OpenAI;
using OpenAI.Chat;
using Ziggie.Backend.Quotas;
using Ziggie.Tests.Auth;
using Ziggie.Tests.Infrastructure;
using Ziggie.Tests.Usage;

namespace Ziggie.Tests.Gateway;

/// <summary>
/// Issue 16's end-to-end cases with the real clients and a real <c>zk_</c> key: one key used by OllamaSharp and by the
/// OpenAI SDK, seen in the usage per key and refused by both once revoked; one daily quota refused by all three doors.
/// </summary>
public class KeysThroughTheDoorsTests(QuotaBackend shared) : IClassFixture<QuotaBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private TestBackend Ziggie => shared.Ziggie;

    [Fact]
    public async Task One_key_streams_a_chat_through_ollamasharp_and_the_openai_sdk_and_stops_at_once_when_revoked()
    {
        var (signed, user) = await Ziggie.NewUserAsync();
        var created = await signed.CreateKeyAsync("editor plugin");
        var key = created.GetProperty("key").GetString()!;
        using var ollamaHttp = Door("ollama", key);
        var ollama = new OllamaApiClient(ollamaHttp);
        var openAi = OpenAi(key).GetChatClient("llama3.2");

        var viaOllama = 0;
        await foreach (var chunk in ollama.ChatAsync(new ChatRequest { Model = "llama3.2", Messages = [new Message(ChatRole.User, "hi")] }, Cancel)) viaOllama++;
        var viaOpenAi = 0;
        await foreach (var update in openAi.CompleteChatStreamingAsync([new UserChatMessage("hi")], cancellationToken: Cancel)) viaOpenAi++;

        Assert.True(viaOllama > 1 && viaOpenAi > 1, $"{viaOllama} / {viaOpenAi} pieces");
        var perKey = await signed.GetFromJsonAsync<JsonElement>("/api/usage/keys", Cancel);
        var row = perKey.EnumerateArray().Single(r => r.TryGetProperty("key_name", out var name) && name.GetString() == "editor plugin");
        Assert.Equal(2, row.GetProperty("requests").GetInt64());
        Assert.Equal(2, Ziggie.Generations.Entries.Count(e => e.UserId == user.Id && e.ApiKeyName == "editor plugin" && e.Outcome == "completed"));

        var revoked = await signed.DeleteAsync($"/api/auth/keys/{created.GetProperty("id").GetString()}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var ollamaRefusal = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in ollama.ChatAsync(new ChatRequest { Model = "llama3.2", Messages = [new Message(ChatRole.User, "hi")] }, Cancel)) { }
        });
        var openAiRefusal = await Assert.ThrowsAsync<ClientResultException>(() => openAi.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancel));
        Assert.Contains("401", ollamaRefusal.Message + (ollamaRefusal.InnerException?.Message ?? ""));
        Assert.Equal(401, openAiRefusal.Status);
        Assert.Contains("revoked", openAiRefusal.Message);
    }

    [Fact]
    public async Task A_used_up_1000_token_quota_is_refused_by_all_three_doors_in_their_shapes_with_the_reset_time()
    {
        var (signed, user) = await Ziggie.NewUserAsync();
        (await Ziggie.Admin.PutAsJsonAsync($"/api/auth/users/{user.Id}/quota", new { tokens_per_day = 1000 }, Cancel)).EnsureSuccessStatusCode();
        var key = (await signed.CreateKeyAsync("quota check")).GetProperty("key").GetString()!;
        var viaKey = Ziggie.ClientWithToken(key);
        (await viaKey.GenerateAsync()).EnsureSuccessStatusCode();
        (await viaKey.GenerateAsync()).EnsureSuccessStatusCode(); // 1,200 tokens: over the limit from here on
        var midnight = $"{DateTime.UtcNow.Date.AddDays(1):yyyy-MM-dd} 00:00:00Z";

        var own = await viaKey.GenerateAsync();
        var ollama = await viaKey.PostAsJsonAsync("/ollama/api/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        var openAi = await viaKey.PostAsJsonAsync("/v1/chat/completions", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } } }, Cancel);

        Assert.Contains(midnight, (await Problems.ReadAsync(own, 429)).Detail);
        Assert.Equal(HttpStatusCode.TooManyRequests, ollama.StatusCode);
        Assert.Contains(midnight, (await ollama.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, openAi.StatusCode);
        var error = (await openAi.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error");
        Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
        Assert.Contains(midnight, error.GetProperty("message").GetString());
        Assert.All([own, ollama, openAi], r => Assert.NotNull(r.Headers.RetryAfter?.Delta));
        Assert.Equal(2, Ziggie.Generations.Entries.Count(e => e.UserId == user.Id));
    }

    private HttpClient Door(string prefix, string key) => DoorClients.Http(Ziggie, prefix, key);

    private OpenAIClient OpenAi(string key) => DoorClients.OpenAi(Ziggie, key);
}
