using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

public class StatusAndModelsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_is_online_with_ollamas_version_its_url_and_the_answering_instance()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.Version = "0.12.11";

        var response = await ziggie.Client.GetAsync("/api/llm/status", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("online", status.GetProperty("status").GetString());
        Assert.Equal("ollama", status.GetProperty("service").GetString());
        Assert.Equal(ziggie.Ollama.BaseAddress.ToString(), status.GetProperty("url").GetString());
        Assert.Equal("0.12.11", status.GetProperty("version").GetProperty("version").GetString());
        Assert.False(status.TryGetProperty("error", out _));
        Assert.True(status.GetProperty("latency_ms").GetDouble() >= 0);

        var instance = status.GetProperty("instance");
        Assert.Equal(response.Headers.GetValues("X-Ziggie-Instance").Single(), instance.GetProperty("id").GetString());
        Assert.Equal(Environment.ProcessId, instance.GetProperty("pid").GetInt32());
        Assert.Equal(ziggie.Ollama.BaseAddress.ToString(), instance.GetProperty("ollama_url").GetString());
    }

    [Fact]
    public async Task Status_is_offline_with_the_reason_and_still_200_when_ollama_is_down()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var response = await ziggie.Client.GetAsync("/api/llm/status", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("offline", status.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(status.GetProperty("error").GetString()));
        Assert.False(status.TryGetProperty("version", out _));
    }

    [Fact]
    public async Task Status_is_offline_when_ollama_does_not_answer_in_time()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Llm:StatusTimeout", "00:00:00.200"));
        ziggie.Ollama.VersionDelay = TimeSpan.FromMinutes(5);

        var status = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);

        Assert.Equal("offline", status.GetProperty("status").GetString());
        Assert.Contains("no answer within", status.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Status_comes_back_online_when_ollama_returns_without_a_backend_restart()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();
        var down = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);

        await ziggie.Ollama.RestartAsync(Cancel);
        var up = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);

        Assert.Equal("offline", down.GetProperty("status").GetString());
        Assert.Equal("online", up.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Models_lists_what_ollama_has_field_for_field()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.AddModel("qwen2.5:0.5b", 397_821_319);

        var models = (await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/models", Cancel)).GetProperty("models");

        var qwen = models.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "qwen2.5:0.5b");
        Assert.Equal("qwen2.5:0.5b", qwen.GetProperty("model").GetString());
        Assert.Equal(397_821_319, qwen.GetProperty("size").GetInt64());
        Assert.False(string.IsNullOrEmpty(qwen.GetProperty("digest").GetString()));
        Assert.True(qwen.TryGetProperty("modified_at", out _));
        Assert.True(qwen.GetProperty("details").TryGetProperty("parameter_size", out _));
        Assert.Contains(models.EnumerateArray(), m => m.GetProperty("name").GetString() == "llama3.2:latest");
    }

    [Fact]
    public async Task Models_answers_503_when_ollama_is_unreachable()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var response = await ziggie.Client.GetAsync("/api/llm/models", Cancel);

        await Problems.ReadAsync(response, 503);
    }

    [Fact]
    public async Task Llm_root_describes_the_api_and_the_ollama_in_use()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var info = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm", Cancel);

        Assert.Equal("Ziggie LLM API", info.GetProperty("service").GetString());
        Assert.Equal(ziggie.Ollama.BaseAddress.ToString(), info.GetProperty("ollama_url").GetString());
        Assert.True(info.GetProperty("endpoints").TryGetProperty("generate", out _));
    }

    [Fact]
    public async Task One_answer_from_ollama_serves_every_status_caller_for_the_cache_period()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Llm:StatusCacheDuration", "00:01:00"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ziggie.Anonymous.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel)));
        await ziggie.Ollama.StopAsync();
        var afterStop = await ziggie.Anonymous.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);

        Assert.Single(ziggie.Ollama.Requests, r => r.Path == "/api/version");
        Assert.All(answers, a => Assert.Equal("online", a.GetProperty("status").GetString()));
        Assert.Single(answers.Select(a => a.GetProperty("checked_at").GetString()).Distinct());
        // Within the period the answer is the remembered one, and says when it was asked.
        Assert.Equal(answers[0].GetProperty("checked_at").GetString(), afterStop.GetProperty("checked_at").GetString());
    }

    [Fact]
    public async Task Without_a_cache_period_every_status_call_asks_ollama()
    {
        await using var ziggie = await TestBackend.StartAsync();

        await ziggie.Anonymous.GetAsync("/api/llm/status", Cancel);
        await ziggie.Anonymous.GetAsync("/api/llm/status", Cancel);

        Assert.Equal(2, ziggie.Ollama.Requests.Count(r => r.Path == "/api/version"));
    }
}
