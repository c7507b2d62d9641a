using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

/// <summary><c>POST /api/llm/models/pull</c>: Ollama's progress lines relayed as they come.</summary>
public class ModelPullTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly object Qwen = new { model = "qwen2.5:0.5b" };

    [Fact]
    public async Task Pull_streams_each_progress_line_as_ollama_sends_it()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.PullSteps = 4;
        var gate = ziggie.Ollama.HoldBeforeChunk(2);

        using var response = await ziggie.Admin.PostStreamingAsync("/api/llm/models/pull", Qwen);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = await response.ReaderAsync();

        // The fake holds the second progress line back: only a relay that flushes per line lets these through.
        Assert.Equal("pulling manifest", (await reader.ReadJsonLineAsync())!.Value.GetProperty("status").GetString());
        var quarter = (await reader.ReadJsonLineAsync())!.Value;
        Assert.Equal(quarter.GetProperty("total").GetInt64() / 4, quarter.GetProperty("completed").GetInt64());
        Assert.StartsWith("sha256:", quarter.GetProperty("digest").GetString());
        await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);

        gate.Release();
        var rest = await reader.ReadAllLinesAsync();
        Assert.Equal(["verifying sha256 digest", "writing manifest", "success"], rest[^3..].Select(l => l.GetProperty("status").GetString()));
        Assert.True(ziggie.Ollama.HasModel("qwen2.5:0.5b"));
    }

    [Fact]
    public async Task A_pull_failing_mid_download_ends_with_ollamas_reason_in_an_error_line()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.FailPullAfterSteps = 1;

        using var response = await ziggie.Admin.PostStreamingAsync("/api/llm/models/pull", Qwen);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(3, lines.Count);
        Assert.Equal("max retries exceeded: unexpected EOF", lines[^1].GetProperty("error").GetString());
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        Assert.False(ziggie.Ollama.HasModel("qwen2.5:0.5b"));
    }

    [Fact]
    public async Task A_silent_pull_ends_with_an_error_line_naming_the_pull_idle_limit()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Llm:PullIdleTimeout", "00:00:00.300"));
        ziggie.Ollama.PullStepDelay = TimeSpan.FromMinutes(5);

        using var response = await ziggie.Admin.PostStreamingAsync("/api/llm/models/pull", Qwen);
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(2, lines.Count);
        Assert.Contains("PullIdleTimeout", lines[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_caller_leaving_stops_the_pull_at_ollama_at_once()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.PullStepDelay = TimeSpan.FromMinutes(5);
        var upstream = ziggie.Ollama.WaitForRequestAsync("/api/pull", Cancel);

        using (var response = await ziggie.Admin.PostStreamingAsync("/api/llm/models/pull", Qwen))
        {
            using var reader = await response.ReaderAsync();
            Assert.NotNull(await reader.ReadJsonLineAsync());
        }

        // The fake is idle in a five-minute pause: only a closed upstream connection ends this request.
        var request = await upstream.WaitAsync(Ndjson.Timeout, Cancel);
        await request.Completed.WaitAsync(Ndjson.Timeout, Cancel);
        Assert.True(request.Aborted);
        Assert.Equal(1, request.ChunksWritten);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"model":"../../etc/passwd"}""")]
    [InlineData("""{"model":"llama3.2 --insecure"}""")]
    public async Task Pull_with_an_invalid_model_answers_400_and_never_reaches_ollama(string body)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Admin.PostAsync("/api/llm/models/pull", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("model", problem.Errors.Keys);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/pull");
    }

    [Fact]
    public async Task Pull_answers_503_when_ollama_is_unreachable()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var response = await ziggie.Admin.PostAsJsonAsync("/api/llm/models/pull", Qwen, Cancel);

        await Problems.ReadAsync(response, 503);
    }

    [Fact]
    public async Task Status_reports_a_pull_in_progress_with_its_bytes_and_then_the_new_model()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Llm:ModelListCacheDuration", "00:01:00"));
        ziggie.Ollama.PullSteps = 4;
        var gate = ziggie.Ollama.HoldBeforeChunk(3);

        using var response = await ziggie.Admin.PostStreamingAsync("/api/llm/models/pull", Qwen);
        using var reader = await response.ReaderAsync();
        JsonElement half = default;
        for (var i = 0; i < 3; i++) half = (await reader.ReadJsonLineAsync())!.Value;
        var during = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);
        gate.Release();
        await reader.ReadAllLinesAsync();
        var after = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);

        var pull = Assert.Single(during.GetProperty("pulls").EnumerateArray());
        Assert.Equal("qwen2.5:0.5b", pull.GetProperty("model").GetString());
        Assert.Equal(half.GetProperty("status").GetString(), pull.GetProperty("status").GetString());
        Assert.Equal(half.GetProperty("completed").GetInt64(), pull.GetProperty("completed").GetInt64());
        Assert.Equal(half.GetProperty("total").GetInt64(), pull.GetProperty("total").GetInt64());
        Assert.DoesNotContain("qwen2.5:0.5b", Names(during));
        Assert.Contains("llama3.2:latest", Names(during));

        Assert.Empty(after.GetProperty("pulls").EnumerateArray());
        Assert.Contains("qwen2.5:0.5b", Names(after));
    }

    private static IEnumerable<string?> Names(JsonElement status) =>
        status.GetProperty("models").EnumerateArray().Select(m => m.GetString());
}
