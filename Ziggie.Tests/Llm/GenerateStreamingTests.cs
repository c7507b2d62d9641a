using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

public class GenerateStreamingTests
{
    private static readonly object Prompt = new { model = "llama3.2", prompt = "Say hello", stream = true };

    [Fact]
    public async Task Generate_streams_each_chunk_as_ollama_sends_it()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var gate = ziggie.Ollama.HoldBeforeChunk(1);

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = await response.ReaderAsync();

        // The fake has not written chunk 1 yet: only a relay that flushes per chunk lets this line through.
        var first = await reader.ReadJsonLineAsync();
        Assert.Equal(ziggie.Ollama.Tokens[0], first!.Value.GetProperty("response").GetString());
        Assert.False(first.Value.GetProperty("done").GetBoolean());
        await gate.Reached.WaitAsync(Ndjson.Timeout, TestContext.Current.CancellationToken);

        gate.Release();
        var rest = await reader.ReadAllLinesAsync();
        var texts = rest.Where(l => !l.GetProperty("done").GetBoolean()).Select(l => l.GetProperty("response").GetString());
        Assert.Equal(ziggie.Ollama.Tokens.Skip(1), texts);
        var last = rest[^1];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal(ziggie.Ollama.Tokens.Count, last.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task A_streamed_answer_ends_after_ollamas_so_the_next_call_finds_its_connection_free()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var ziggie = await TestBackend.StartAsync();
        var gate = ziggie.Ollama.HoldBeforeTheEnd();

        using (var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt))
        {
            using var reader = await response.ReaderAsync();
            while ((await reader.ReadJsonLineAsync())?.GetProperty("done").GetBoolean() == false)
            {
            }

            await gate.Reached.WaitAsync(Ndjson.Timeout, cancel);

            // Ollama has sent its last line but not ended its answer, so neither has Ziggie: it reads Ollama's to the end
            // first. An answer that ended here would leave the connection to Ollama draining behind it.
            var end = reader.ReadLineAsync(cancel).AsTask();
            Assert.NotSame(end, await Task.WhenAny(end, Task.Delay(TimeSpan.FromMilliseconds(500), cancel)));
            gate.Release();
            Assert.Null(await end.WaitAsync(Ndjson.Timeout, cancel));
        }

        using (var next = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt))
        {
            using var reader = await next.ReaderAsync();
            await reader.ReadAllLinesAsync();
        }

        var calls = ziggie.Ollama.Requests.Where(r => r.Path == "/api/generate").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].ConnectionId, calls[1].ConnectionId);
    }

    [Fact]
    public async Task Chat_streams_message_chunks_and_ends_with_the_statistics()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var gate = ziggie.Ollama.HoldBeforeChunk(1);

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/chat",
            new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, stream = true });
        using var reader = await response.ReaderAsync();

        var first = await reader.ReadJsonLineAsync();
        Assert.Equal(ziggie.Ollama.Tokens[0], first!.Value.GetProperty("message").GetProperty("content").GetString());
        await gate.Reached.WaitAsync(Ndjson.Timeout, TestContext.Current.CancellationToken);
        gate.Release();

        var last = (await reader.ReadAllLinesAsync())[^1];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal("stop", last.GetProperty("done_reason").GetString());
    }

    [Fact]
    public async Task Caller_leaving_cancels_the_ollama_request_at_once()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.TokenDelay = TimeSpan.FromMinutes(5);
        var upstream = ziggie.Ollama.WaitForRequestAsync("/api/generate", TestContext.Current.CancellationToken);

        using (var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt))
        {
            using var reader = await response.ReaderAsync();
            Assert.NotNull(await reader.ReadJsonLineAsync());
        }

        // The fake is idle in a five-minute pause: only a closed upstream connection ends this request.
        var request = await upstream.WaitAsync(Ndjson.Timeout, TestContext.Current.CancellationToken);
        await request.Completed.WaitAsync(Ndjson.Timeout, TestContext.Current.CancellationToken);
        Assert.True(request.Aborted);
        Assert.Equal(1, request.ChunksWritten);
    }

    [Fact]
    public async Task Ollama_sending_no_first_token_in_time_answers_504()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Llm:FirstTokenTimeout", "00:00:00.300"));
        ziggie.Ollama.FirstTokenDelay = TimeSpan.FromMinutes(5);

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);

        var problem = await Problems.ReadAsync(response, 504);
        Assert.Contains("FirstTokenTimeout", problem.Detail);
    }

    [Fact]
    public async Task A_silent_ollama_mid_stream_ends_the_stream_with_an_error_line()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Llm:IdleTimeout", "00:00:00.300"));
        ziggie.Ollama.TokenDelay = TimeSpan.FromMinutes(5);

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(2, lines.Count);
        Assert.Contains("IdleTimeout", lines[1].GetProperty("error").GetString());
        Assert.True(lines[1].GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task A_long_healthy_stream_is_not_cut_by_any_total_timeout()
    {
        // Each gap is below the idle limit, the whole answer takes far longer than it.
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Llm:IdleTimeout", "00:00:00.500"), ("Ziggie:Llm:FirstTokenTimeout", "00:00:00.500"));
        ziggie.Ollama.TokenCount = 12;
        ziggie.Ollama.TokenDelay = TimeSpan.FromMilliseconds(150);

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(13, lines.Count);
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        Assert.False(lines[^1].TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Ollama_dying_mid_stream_ends_the_stream_with_an_error_line()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.DisconnectAfterChunks = 2;

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(3, lines.Count);
        Assert.False(string.IsNullOrEmpty(lines[2].GetProperty("error").GetString()));
        Assert.True(lines[2].GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task A_malformed_line_from_ollama_ends_the_stream_with_an_error_line()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.SendMalformedLine = true;

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Contains("not JSON", lines[^1].GetProperty("error").GetString());
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
    }
}
