using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Conversations;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Conversations;

public class ChatPersistenceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> NewConversationAsync(TestBackend ziggie) =>
        (await (await ziggie.Client.PostAsJsonAsync("/api/conversations", new { title = "Chat" }, Cancel))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!;

    private static object Chat(string conversationId, bool stream) => new
    {
        model = "llama3.2",
        stream,
        conversation_id = conversationId,
        messages = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = "Where is Paris?" } },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chat_in_a_conversation_keeps_the_question_and_the_whole_answer(bool stream)
    {
        await using var ziggie = await TestBackend.StartAsync();
        var id = await NewConversationAsync(ziggie);

        using (var response = await ziggie.Client.PostStreamingAsync("/api/llm/chat", Chat(id, stream)))
        {
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync(Cancel);
        }

        var conversation = await ziggie.Client.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}", Cancel);
        var messages = conversation.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(2, messages.Length);
        Assert.Equal(("user", "Where is Paris?"), (messages[0].GetProperty("role").GetString(), messages[0].GetProperty("content").GetString()));
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        Assert.Equal(string.Concat(ziggie.Ollama.Tokens), messages[1].GetProperty("content").GetString());
        Assert.Equal("complete", messages[1].GetProperty("status").GetString());
        Assert.Equal(2, conversation.GetProperty("conversation").GetProperty("message_count").GetInt32());
    }

    [Fact]
    public async Task A_stream_the_caller_leaves_is_kept_as_interrupted_with_what_was_said()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var id = await NewConversationAsync(ziggie);
        var gate = ziggie.Ollama.HoldBeforeChunk(2);
        var answer = ziggie.Conversations.WaitForMessageAsync(m => m.Role == "assistant");

        using (var response = await ziggie.Client.PostStreamingAsync("/api/llm/chat", Chat(id, stream: true)))
        {
            using var reader = await response.ReaderAsync();
            await reader.ReadJsonLineAsync();
            await reader.ReadJsonLineAsync();
            await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);
        }

        var kept = await answer.WaitAsync(Ndjson.Timeout, Cancel);
        Assert.Equal(MessageStatus.Interrupted, kept.Status);
        Assert.Equal(string.Concat(ziggie.Ollama.Tokens.Take(2)), kept.Content);
    }

    [Fact]
    public async Task A_stream_ollama_breaks_off_is_kept_as_interrupted_with_the_reason()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var id = await NewConversationAsync(ziggie);
        ziggie.Ollama.DisconnectAfterChunks = 3;

        using (var response = await ziggie.Client.PostStreamingAsync("/api/llm/chat", Chat(id, stream: true)))
        {
            await response.Content.ReadAsStringAsync(Cancel);
        }

        var kept = await ziggie.Conversations.WaitForMessageAsync(m => m.Role == "assistant").WaitAsync(Ndjson.Timeout, Cancel);
        Assert.Equal(MessageStatus.Interrupted, kept.Status);
        Assert.Equal(string.Concat(ziggie.Ollama.Tokens.Take(3)), kept.Content);
        Assert.False(string.IsNullOrEmpty(kept.Error));
    }

    [Fact]
    public async Task A_malformed_conversation_id_answers_400_and_keeps_nothing()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/chat", Chat("{\"$gt\":\"\"}", stream: false), Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("conversation_id", problem.Errors.Keys);
        Assert.Empty(ziggie.Conversations.AllMessages);
    }
}
