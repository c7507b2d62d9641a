using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Gateway;

/// <summary>The OpenAI door on the wire: server-sent events, <c>[DONE]</c>, usage, completions and errors in OpenAI's shape.</summary>
public class OpenAiDoorWireTests(GatewayBackend backend) : IClassFixture<GatewayBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_streamed_chat_is_server_sent_events_ending_in_usage_then_done()
    {
        backend.Fresh();
        using var http = backend.Door("v1", backend.NewUser().Token);

        using var response = await http.PostAsJsonAsync("chat/completions", new
        {
            model = "llama3.2",
            messages = new[] { new { role = "user", content = "hi" } },
            stream = true,
            stream_options = new { include_usage = true },
        }, Cancel);
        var events = Events(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(5, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("Hello world from the fake", string.Concat(chunks.SkipLast(1).Select(c =>
            c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : "")));
    }

    [Fact]
    public async Task Completions_answer_text_streamed_and_whole()
    {
        var fake = backend.Fresh();
        using var http = backend.Door("v1", backend.NewUser().Token);
        var upstream = fake.WaitForRequestAsync("/api/generate", Cancel);

        using var whole = await http.PostAsJsonAsync("completions", new { model = "llama3.2", prompt = "def add(", suffix = "return a", max_tokens = 2, stop = "\n" }, Cancel);
        var answer = await whole.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        using var streamed = await http.PostAsJsonAsync("completions", new { model = "llama3.2", prompt = "x", stream = true }, Cancel);
        var events = Events(await streamed.Content.ReadAsStringAsync(Cancel));
        var sent = (await upstream.WaitAsync(Ndjson.Timeout, Cancel)).Json!.Value;

        Assert.Equal("text_completion", answer.GetProperty("object").GetString());
        Assert.Equal("Hello world", answer.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal("length", answer.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(2, answer.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("return a", sent.GetProperty("suffix").GetString());
        Assert.Equal(2, sent.GetProperty("options").GetProperty("num_predict").GetInt32());
        Assert.Equal("\n", sent.GetProperty("options").GetProperty("stop")[0].GetString());
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("Hello", JsonDocument.Parse(events[0]).RootElement.GetProperty("choices")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_stream_that_breaks_ends_with_an_error_event_and_no_done()
    {
        var fake = backend.Fresh();
        fake.DisconnectAfterChunks = 2;
        using var http = backend.Door("v1", backend.NewUser().Token);

        using var response = await http.PostAsJsonAsync("chat/completions", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, stream = true }, Cancel);
        var events = Events(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(3, events.Count);
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Each_denial_comes_in_openais_error_shape()
    {
        var fake = backend.Fresh();
        using var bad = backend.Door("v1", "zk_revoked_or_wrong");
        using var http = backend.Door("v1", backend.NewUser().Token);
        var chat = new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, stream = true };

        using var unauthorized = await bad.GetAsync("models", Cancel);
        using var invalid = await http.PostAsJsonAsync("chat/completions", new { model = "llama3.2", messages = Array.Empty<object>() }, Cancel);
        using var unknownRoute = await http.GetAsync("assistants", Cancel);
        var gate = fake.HoldBeforeChunk(1);
        using var first = await http.PostStreamingAsync("chat/completions", chat);
        await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);
        using var limited = await http.PostAsJsonAsync("chat/completions", chat, Cancel);
        gate.Release();
        await first.Content.ReadAsStringAsync(Cancel);

        await DoorErrors.AssertOpenAiAsync(unauthorized, 401, "authentication_error", "invalid_api_key", "bearer");
        await DoorErrors.AssertOpenAiAsync(invalid, 400, "invalid_request_error", null, "messages is required");
        await DoorErrors.AssertOpenAiAsync(unknownRoute, 404, "invalid_request_error", "unknown_url", "/v1/assistants");
        await DoorErrors.AssertOpenAiAsync(limited, 429, "rate_limit_error", "rate_limit_exceeded", "ConcurrentGenerationsPerUser");
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Ollama_failing_before_the_first_token_is_a_server_error_in_openais_shape()
    {
        var fake = backend.Fresh();
        fake.FailStatus = 500;
        using var http = backend.Door("v1", backend.NewUser().Token);

        using var response = await http.PostAsJsonAsync("chat/completions", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } } }, Cancel);

        await DoorErrors.AssertOpenAiAsync(response, 502, "server_error", "upstream_error", "Ollama");
    }

    private static List<string> Events(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.StartsWith("data: ", StringComparison.Ordinal) ? e[6..] : throw new Xunit.Sdk.XunitException($"Not an SSE data event: {e}"))];
}
