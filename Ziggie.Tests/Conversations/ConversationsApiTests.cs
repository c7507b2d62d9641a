using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Conversations;

public class ConversationsApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> CreateAsync(HttpClient client, string title = "Trip plans")
    {
        var response = await client.PostAsJsonAsync("/api/conversations", new { title, model = "llama3.2" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_user_creates_lists_renames_and_deletes_a_conversation()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var id = await CreateAsync(ziggie.Client);

        var listed = await ziggie.Client.GetFromJsonAsync<JsonElement[]>("/api/conversations", Cancel);
        var renamed = await ziggie.Client.PatchAsJsonAsync($"/api/conversations/{id}", new { title = "Holiday" }, Cancel);
        var fetched = await ziggie.Client.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}", Cancel);
        var deleted = await ziggie.Client.DeleteAsync($"/api/conversations/{id}", Cancel);
        var gone = await ziggie.Client.GetAsync($"/api/conversations/{id}", Cancel);

        Assert.Equal(id, Assert.Single(listed!).GetProperty("id").GetString());
        renamed.EnsureSuccessStatusCode();
        Assert.Equal("Holiday", fetched.GetProperty("conversation").GetProperty("title").GetString());
        Assert.Empty(fetched.GetProperty("messages").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problems.ReadAsync(gone, 404);
    }

    [Fact]
    public async Task Another_users_conversation_is_not_found_and_stays_unchanged()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var id = await CreateAsync(ziggie.Client, "Mine");
        var mallory = ziggie.ClientFor("user");

        await Problems.ReadAsync(await mallory.GetAsync($"/api/conversations/{id}", Cancel), 404);
        await Problems.ReadAsync(await mallory.PatchAsJsonAsync($"/api/conversations/{id}", new { title = "Hacked" }, Cancel), 404);
        await Problems.ReadAsync(await mallory.DeleteAsync($"/api/conversations/{id}", Cancel), 404);
        await Problems.ReadAsync(await mallory.PostAsJsonAsync("/api/llm/chat",
            new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, conversation_id = id }, Cancel), 404);

        Assert.Empty(await mallory.GetFromJsonAsync<JsonElement[]>("/api/conversations", Cancel) ?? []);
        var mine = await ziggie.Client.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}", Cancel);
        Assert.Equal("Mine", mine.GetProperty("conversation").GetProperty("title").GetString());
        Assert.Empty(ziggie.Conversations.AllMessages);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/chat");
    }

    [Theory]
    [InlineData("/api/conversations/not-an-id")]
    [InlineData("/api/conversations/..%2F..%2Fusers")]
    public async Task A_malformed_id_answers_400(string path)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.GetAsync(path, Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString());
    }

    [Fact]
    public async Task History_answers_503_while_mongodb_is_down()
    {
        await using var ziggie = await TestBackend.StartWithMongoDownAsync();

        await Problems.ReadAsync(await ziggie.Client.GetAsync("/api/conversations", Cancel), 503);
        await Problems.ReadAsync(await ziggie.Client.PostAsJsonAsync("/api/conversations", new { title = "x" }, Cancel), 503);
    }
}
