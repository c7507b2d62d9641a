using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Gateway;

/// <summary>The OpenAI .NET SDK pointed at Ziggie's <c>/v1</c>, the token as its API key.</summary>
public class OpenAiDoorClientTests(GatewayBackend backend) : IClassFixture<GatewayBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private OpenAIClient Client(string token) => DoorClients.OpenAi(backend.Ziggie, token);

    [Fact]
    public async Task The_sdk_lists_ollamas_models()
    {
        backend.Fresh();
        var models = (await Client(backend.NewUser().Token).GetOpenAIModelClient().GetModelsAsync(Cancel)).Value;

        Assert.Contains(models, m => m.Id == "llama3.2:latest");
    }

    [Fact]
    public async Task The_sdk_gets_a_whole_chat_answer_with_ollamas_token_counts()
    {
        backend.Fresh();
        var (username, token) = backend.NewUser();
        var chat = Client(token).GetChatClient("llama3.2");

        ChatCompletion answer = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Say hello")], cancellationToken: Cancel);

        Assert.Equal("Hello world from the fake", answer.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Equal(5, answer.Usage.OutputTokenCount);
        Assert.True(answer.Usage.InputTokenCount > 0);
        var entry = Assert.Single(backend.Ziggie.Generations.Entries, e => e.Username == username);
        Assert.Equal(("chat", "completed", 5), (entry.Kind, entry.Outcome, entry.CompletionTokens));
    }

    [Fact]
    public async Task The_sdk_streams_a_chat_and_gets_the_usage_at_the_end()
    {
        backend.Fresh();
        var (username, token) = backend.NewUser();
        var chat = Client(token).GetChatClient("llama3.2");

        var text = new List<string>();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Say hello")], new ChatCompletionOptions { MaxOutputTokenCount = 3 }, Cancel))
        {
            text.AddRange(update.ContentUpdate.Select(part => part.Text));
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal("Hello world from", string.Concat(text));
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.Equal(3, usage!.OutputTokenCount);
        var entry = Assert.Single(backend.Ziggie.Generations.Entries, e => e.Username == username);
        Assert.Equal(("chat", "completed", 3), (entry.Kind, entry.Outcome, entry.CompletionTokens));
    }

    [Fact]
    public async Task The_sdk_gets_embeddings()
    {
        backend.Fresh();
        var (username, token) = backend.NewUser();
        var embeddings = Client(token).GetEmbeddingClient("llama3.2");

        var one = (await embeddings.GenerateEmbeddingAsync("a cat on a mat", cancellationToken: Cancel)).Value;
        var many = (await embeddings.GenerateEmbeddingsAsync(["one", "two"], cancellationToken: Cancel)).Value;

        Assert.Equal(backend.Ziggie.Ollama.EmbeddingDimensions, one.ToFloats().Length);
        Assert.InRange(one.ToFloats().ToArray().Sum(x => x * x), 0.99f, 1.01f); // the fake's unit vectors, decoded intact
        Assert.Equal(2, many.Count);
        Assert.Equal(2, backend.Ziggie.Generations.Entries.Count(e => e.Username == username && e.Kind == "embed"));
    }

    [Fact]
    public async Task The_sdk_reports_denials_with_their_status_and_wording()
    {
        backend.Fresh();
        var badKey = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client("zk_not_a_key").GetChatClient("llama3.2").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancel));
        var readonlyUser = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client(backend.NewUser(Roles.Readonly).Token).GetChatClient("llama3.2").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancel));
        var unknownModel = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client(backend.NewUser().Token).GetChatClient("nope").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancel));

        Assert.Equal(401, badKey.Status);
        Assert.Contains("invalid_api_key", badKey.Message);
        Assert.Equal(403, readonlyUser.Status);
        Assert.Contains("readonly", readonlyUser.Message);
        Assert.Equal(404, unknownModel.Status);
        Assert.Contains("model_not_found", unknownModel.Message);
    }
}
