using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Gateway;

/// <summary>OllamaSharp's own client pointed at Ziggie's <c>/ollama/</c>, as a user's script would be.</summary>
public class OllamaDoorClientTests(GatewayBackend backend) : IClassFixture<GatewayBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OllamaSharp_lists_shows_and_reads_the_version_through_the_door()
    {
        backend.Fresh();
        using var http = backend.Door("ollama", backend.NewUser().Token);
        var ollama = new OllamaApiClient(http);

        var models = (await ollama.ListLocalModelsAsync(Cancel)).ToList();
        var shown = await ollama.ShowModelAsync(new ShowModelRequest { Model = "llama3.2" }, Cancel);
        var version = await ollama.GetVersionAsync(Cancel);
        var running = (await ollama.ListRunningModelsAsync(Cancel)).ToList();

        Assert.Contains(models, m => m.Name == "llama3.2:latest");
        Assert.Equal("llama", shown.Details.Family);
        Assert.Equal(backend.Ziggie.Ollama.Version, version);
        Assert.NotNull(running);
    }

    [Fact]
    public async Task OllamaSharp_streams_a_generation_and_the_usage_log_has_it()
    {
        backend.Fresh();
        var (username, token) = backend.NewUser();
        using var http = backend.Door("ollama", token);
        var ollama = new OllamaApiClient(http);

        var pieces = new List<string>();
        GenerateDoneResponseStream? done = null;
        await foreach (var chunk in ollama.GenerateAsync(new GenerateRequest { Model = "llama3.2", Prompt = "Say hello" }, Cancel))
        {
            pieces.Add(chunk!.Response);
            done = chunk as GenerateDoneResponseStream ?? done;
        }

        Assert.Equal("Hello world from the fake", string.Concat(pieces));
        Assert.Equal(5, done!.EvalCount);
        var entry = Assert.Single(backend.Ziggie.Generations.Entries, e => e.Username == username);
        Assert.Equal(("generate", "completed", 5), (entry.Kind, entry.Outcome, entry.CompletionTokens));
        Assert.NotNull(entry.PromptTokens);
    }

    [Fact]
    public async Task OllamaSharp_chats_streamed_and_whole()
    {
        backend.Fresh();
        var (username, token) = backend.NewUser();
        using var http = backend.Door("ollama", token);
        var ollama = new OllamaApiClient(http);
        var question = new List<Message> { new(ChatRole.User, "Hi there") };

        var streamed = new List<string>();
        await foreach (var chunk in ollama.ChatAsync(new ChatRequest { Model = "llama3.2", Messages = question }, Cancel))
        {
            streamed.Add(chunk!.Message.Content ?? "");
        }

        ChatResponseStream? whole = null;
        await foreach (var chunk in ollama.ChatAsync(new ChatRequest { Model = "llama3.2", Messages = question, Stream = false }, Cancel))
        {
            whole = chunk;
        }

        Assert.Equal("Hello world from the fake", string.Concat(streamed));
        Assert.True(whole!.Done);
        Assert.Equal("Hello world from the fake", whole.Message.Content);
        Assert.Equal(2, backend.Ziggie.Generations.Entries.Count(e => e.Username == username && e.Kind == "chat" && e.Outcome == "completed"));
    }

    [Fact]
    public async Task OllamaSharp_gets_the_thinking_and_the_tool_call_of_a_chat_streamed_and_whole()
    {
        var fake = backend.Fresh();
        fake.ThinkingTokens = ["Paris", " needs", " a lookup."];
        fake.ToolCallName = "get_weather";
        fake.ToolCallArguments = """{"city":"Paris"}""";
        using var http = backend.Door("ollama", backend.NewUser().Token);
        var ollama = new OllamaApiClient(http);
        var tools = new List<object> { new Tool { Function = new Function { Name = "get_weather", Description = "Today's weather in a city" } } };
        ChatRequest Ask(bool stream) => new()
        {
            Model = "llama3.2",
            Stream = stream,
            Think = true,
            Tools = tools,
            Messages = [new(ChatRole.User, "Weather in Paris?")],
        };

        var thinking = new List<string>();
        var calls = new List<Message.ToolCall>();
        await foreach (var chunk in ollama.ChatAsync(Ask(stream: true), Cancel))
        {
            thinking.Add(chunk!.Message.Thinking ?? "");
            calls.AddRange(chunk.Message.ToolCalls ?? []);
        }

        ChatResponseStream? whole = null;
        await foreach (var chunk in ollama.ChatAsync(Ask(stream: false), Cancel)) whole = chunk;

        Assert.Equal("Paris needs a lookup.", string.Concat(thinking));
        Assert.Equal("get_weather", Assert.Single(calls).Function!.Name);
        Assert.Equal("Paris needs a lookup.", whole!.Message.Thinking);
        var call = Assert.Single(whole.Message.ToolCalls!);
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.Equal("Paris", call.Function.Arguments!["city"]?.ToString());
    }

    [Fact]
    public async Task OllamaSharp_embeds_and_the_call_is_logged_with_its_prompt_tokens()
    {
        backend.Fresh();
        var (username, token) = backend.NewUser();
        using var http = backend.Door("ollama", token);
        var ollama = new OllamaApiClient(http);

        var embedded = await ollama.EmbedAsync(new EmbedRequest { Model = "llama3.2", Input = ["one two three", "four"] }, Cancel);

        Assert.Equal(2, embedded.Embeddings.Count);
        Assert.Equal(backend.Ziggie.Ollama.EmbeddingDimensions, embedded.Embeddings[0].Length);
        var entry = Assert.Single(backend.Ziggie.Generations.Entries, e => e.Username == username);
        Assert.Equal(("embed", "completed", 4), (entry.Kind, entry.Outcome, entry.PromptTokens));
    }

    [Fact]
    public async Task Cancelling_an_ollamasharp_stream_ends_the_upstream_request()
    {
        var fake = backend.Fresh();
        fake.TokenCount = 1_000;
        fake.TokenDelay = TimeSpan.FromMilliseconds(20); // 20 s of answer: it cannot end on its own within the test
        var (username, token) = backend.NewUser();
        using var http = backend.Door("ollama", token);
        var ollama = new OllamaApiClient(http);
        var upstream = fake.WaitForRequestAsync("/api/generate", Cancel);
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var received = 0;
        try
        {
            await foreach (var chunk in ollama.GenerateAsync(new GenerateRequest { Model = "llama3.2", Prompt = "long" }, leave.Token))
            {
                received++;
                leave.Cancel();
            }
        }
        catch (OperationCanceledException)
        {
            // OllamaSharp ends a cancelled stream quietly or by throwing, depending on where the token is seen.
        }

        Assert.InRange(received, 1, 2);
        var request = await upstream.WaitAsync(Ndjson.Timeout, Cancel);
        await request.Completed.WaitAsync(Ndjson.Timeout, Cancel);
        Assert.True(request.Aborted, "the upstream request should have been closed, not finished");
        Assert.True(request.ChunksWritten < 1_000);
        var entry = await WaitForEntryAsync(username);
        Assert.Equal("interrupted", entry.Outcome);
    }

    // The handler logs the call as it returns, just after the connection closed: a bounded wait for that entry.
    private async Task<Ziggie.Backend.Usage.GenerationDocument> WaitForEntryAsync(string username)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entry = backend.Ziggie.Generations.Entries.FirstOrDefault(e => e.Username == username);
            if (entry is not null || attempt == 100) return entry!;
            await Task.Delay(TimeSpan.FromMilliseconds(50), Cancel);
        }
    }
}
