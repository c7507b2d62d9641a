using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Usage;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Usage;

public class UsageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly object Prompt = new { model = "llama3.2", prompt = "Say hello" };

    [Fact]
    public async Task Every_generation_is_logged_and_summed_per_model_for_its_user_only()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var other = ziggie.ClientFor("user");
        (await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel)).EnsureSuccessStatusCode();
        (await ziggie.Client.PostAsJsonAsync("/api/llm/chat", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } } }, Cancel)).EnsureSuccessStatusCode();
        (await other.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel)).EnsureSuccessStatusCode();

        var mine = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/usage/llm", Cancel);

        Assert.Equal(2, mine.GetProperty("requests").GetInt64());
        var model = Assert.Single(mine.GetProperty("models").EnumerateArray());
        Assert.Equal("llama3.2", model.GetProperty("model").GetString());
        Assert.Equal(2, model.GetProperty("completed").GetInt64());
        Assert.Equal(2L * ziggie.Ollama.Tokens.Count, model.GetProperty("completion_tokens").GetInt64());
        var entry = ziggie.Generations.Entries.First(e => e.Kind == "generate" && e.Username == "tester");
        Assert.Equal("Say hello".Length, entry.PromptChars);
        Assert.Equal(CallResult.Completed, entry.Outcome);
        Assert.NotNull(entry.FirstTokenMs);
    }

    [Fact]
    public async Task Only_an_admin_sees_everyones_usage()
    {
        await using var ziggie = await TestBackend.StartAsync();
        (await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel)).EnsureSuccessStatusCode();

        var denied = await ziggie.Client.GetAsync("/api/usage/llm?all=true", Cancel);
        var all = await ziggie.ClientFor("admin").GetFromJsonAsync<JsonElement>("/api/usage/llm?all=true", Cancel);

        await Problems.ReadAsync(denied, 403);
        Assert.Equal(1, all.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task A_failed_generation_is_logged_as_failed()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.FailStatus = 500;

        await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Prompt, Cancel);

        var entry = Assert.Single(ziggie.Generations.Entries);
        Assert.Equal(CallResult.Failed, entry.Outcome);
        Assert.False(string.IsNullOrEmpty(entry.Error));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Generation_works_while_mongodb_is_down_and_says_its_log_entry_was_not_kept(bool stream)
    {
        await using var ziggie = await TestBackend.StartWithMongoDownAsync();

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi", stream });
        var body = await response.Content.ReadAsStringAsync(Cancel);

        response.EnsureSuccessStatusCode();
        Assert.Contains("\"done\":true", body.Replace(" ", ""));
        Assert.StartsWith("not-kept", response.Headers.GetValues(GenerationRecorder.HeaderName).Single());
        var health = await ziggie.Anonymous.GetFromJsonAsync<JsonElement>("/health", Cancel);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_kept_log_entry_is_announced_before_the_stream_starts()
    {
        await using var ziggie = await TestBackend.StartAsync();

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi", stream = true });
        await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("kept", response.Headers.GetValues(GenerationRecorder.HeaderName).Single());
        await ziggie.Generations.FirstEntry.WaitAsync(Ndjson.Timeout, Cancel);
    }
}
