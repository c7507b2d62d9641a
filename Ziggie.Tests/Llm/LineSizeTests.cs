using Ziggie.Backend.Llm;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

/// <summary>A line from Ollama has a maximum size: an upstream that never sends a newline is not buffered without end.</summary>
public class LineSizeTests
{
    private static readonly object Prompt = new { model = "llama3.2", prompt = "Say hello", stream = true };
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_line_past_the_maximum_size_ends_the_stream_with_an_error_line_naming_the_setting_and_closes_the_upstream_request()
    {
        await using var ziggie = await TestBackend.StartAsync(($"{LlmOptions.Section}:{nameof(LlmOptions.MaxLineBytes)}", "65536"));
        ziggie.Ollama.SendEndlessLine = true;
        var upstream = ziggie.Ollama.WaitForRequestAsync("/api/generate", Cancel);

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(2, lines.Count);
        Assert.Equal(ziggie.Ollama.Tokens[0], lines[0].GetProperty("response").GetString());
        var error = lines[1].GetProperty("error").GetString();
        Assert.Contains("65536 bytes", error);
        Assert.Contains("Ziggie:Llm:MaxLineBytes", error);
        Assert.True(lines[1].GetProperty("done").GetBoolean());

        // The fake writes until its client goes away: only a closed upstream request ends it.
        var request = await upstream.WaitAsync(Ndjson.Timeout, Cancel);
        await request.Completed.WaitAsync(Ndjson.Timeout, Cancel);
        Assert.True(request.Aborted);
    }

    [Fact]
    public async Task Lines_short_and_long_go_out_as_ollama_sent_them()
    {
        // Short lines are written in one piece, lines past 4 KB segment by segment: both must reach the caller unchanged.
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.Tokens = ["a", new string('w', 3_900), new string('x', 4_090), "é\"ü", new string('y', 20_000), "z"];

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Prompt);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(ziggie.Ollama.Tokens, lines.SkipLast(1).Select(l => l.GetProperty("response").GetString()));
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task A_whole_answer_whose_line_is_past_the_maximum_size_answers_502_naming_the_setting()
    {
        await using var ziggie = await TestBackend.StartAsync(($"{LlmOptions.Section}:{nameof(LlmOptions.MaxLineBytes)}", "65536"));
        ziggie.Ollama.SendEndlessLine = true;

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", new { model = "llama3.2", prompt = "Say hello", stream = false });

        var problem = await Problems.ReadAsync(response, 502);
        Assert.Contains("Ziggie:Llm:MaxLineBytes", problem.Detail);
    }
}
