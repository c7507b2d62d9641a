using System.Net.Http.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

/// <summary>Only Ollama's read-only questions are retried; anything that runs a model or changes its store is sent once.</summary>
public class OllamaRetryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/llm/models", "/api/tags")]
    [InlineData("/api/llm/models/llama3.2", "/api/show")]
    public async Task A_briefly_failing_read_only_question_is_retried(string route, string ollamaPath)
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.FailNext(ollamaPath);

        var response = await ziggie.Client.GetAsync(route, Cancel);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(2, ziggie.Ollama.Requests.Count(r => r.Path == ollamaPath));
    }

    [Fact]
    public async Task Retries_are_bounded_and_then_the_failure_is_reported()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.FailNext("/api/tags", times: 10);

        var response = await ziggie.Client.GetAsync("/api/llm/models", Cancel);

        await Problems.ReadAsync(response, 502);
        Assert.Equal(3, ziggie.Ollama.Requests.Count(r => r.Path == "/api/tags"));
    }

    public static TheoryData<string, string, object> Changes => new()
    {
        { "/api/llm/generate", "/api/generate", new { model = "llama3.2", prompt = "hi" } },
        { "/api/llm/chat", "/api/chat", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } } } },
        { "/api/llm/models/pull", "/api/pull", new { model = "qwen2.5:0.5b" } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_briefly_failing_generation_or_pull_is_sent_once_and_reported(string route, string ollamaPath, object body)
    {
        await using var ziggie = await TestBackend.StartAsync();
        // A second attempt would succeed: only a client that never retries these reports the failure.
        ziggie.Ollama.FailNext(ollamaPath);

        var response = await ziggie.Admin.PostAsJsonAsync(route, body, Cancel);

        var problem = await Problems.ReadAsync(response, 502);
        Assert.Contains("server busy", problem.Detail);
        Assert.Single(ziggie.Ollama.Requests, r => r.Path == ollamaPath);
    }

    [Fact]
    public async Task A_briefly_failing_delete_is_sent_once_and_reported()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.FailNext("/api/delete");

        var response = await ziggie.Admin.DeleteAsync("/api/llm/models/llama3.2", Cancel);

        await Problems.ReadAsync(response, 502);
        Assert.Single(ziggie.Ollama.Requests, r => r.Path == "/api/delete");
        Assert.True(ziggie.Ollama.HasModel("llama3.2"));
    }
}
