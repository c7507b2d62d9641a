using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Ziggie.Backend.Llm;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

/// <summary>The spans and metrics of LLM calls, as the service defaults export them to the dashboard.</summary>
public class LlmTelemetryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_streamed_generate_is_one_span_with_the_model_token_counts_and_finish_reason()
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var spans = new SpanRecorder(ziggie.Ollama.BaseAddress);
        ziggie.Ollama.TokenCount = 7;

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", new { model = "llama3.2", prompt = "Say hello to me", stream = true, temperature = 0.5 });
        var last = (await (await response.ReaderAsync()).ReadAllLinesAsync())[^1];
        var span = await spans.WaitForAsync(s => s.DisplayName == "text_completion llama3.2");

        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("text_completion", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("ollama", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("llama3.2", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(0.5, span.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(last.GetProperty("prompt_eval_count").GetInt32(), span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(7, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(["stop"], (string[])span.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_whole_chat_answer_is_a_chat_span_with_its_token_counts()
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var spans = new SpanRecorder(ziggie.Ollama.BaseAddress);

        await ziggie.Client.PostAsJsonAsync("/api/llm/chat", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 3 }, Cancel);
        var span = await spans.WaitForAsync(s => s.DisplayName == "chat llama3.2");

        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(3, span.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(3, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(["length"], (string[])span.GetTagItem("gen_ai.response.finish_reasons")!);
    }

    [Fact]
    public async Task A_failing_call_marks_its_span_with_the_error_type_and_counts_the_outcome()
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var spans = new SpanRecorder(ziggie.Ollama.BaseAddress);
        using var requests = Collector<long>(ziggie, LlmTelemetry.RequestsName);
        ziggie.Ollama.FailStatus = 500;

        await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        var span = await spans.WaitForAsync(s => s.DisplayName == "text_completion llama3.2");
        await requests.WaitForMeasurementsAsync(1, Cancel).WaitAsync(Timeout, Cancel);

        Assert.Equal("500", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        var counted = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal("error", counted.Tags["outcome"]);
        Assert.Equal("500", counted.Tags["error.type"]);
        Assert.Equal("llama3.2", counted.Tags["gen_ai.request.model"]);
    }

    [Fact]
    public async Task A_generation_records_time_to_first_token_tokens_per_second_and_an_ok_request()
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var firstToken = Collector<double>(ziggie, LlmTelemetry.TimeToFirstTokenName);
        using var speed = Collector<double>(ziggie, LlmTelemetry.TokensPerSecondName);
        using var requests = Collector<long>(ziggie, LlmTelemetry.RequestsName);

        using var response = await ziggie.Client.PostStreamingAsync("/api/llm/chat", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } }, stream = true });
        await (await response.ReaderAsync()).ReadAllLinesAsync();
        await requests.WaitForMeasurementsAsync(1, Cancel).WaitAsync(Timeout, Cancel);

        var ttft = Assert.Single(firstToken.GetMeasurementSnapshot());
        Assert.True(ttft.Value > 0);
        Assert.Equal("chat", ttft.Tags["gen_ai.operation.name"]);
        Assert.True(Assert.Single(speed.GetMeasurementSnapshot()).Value > 0);
        Assert.Equal("ok", Assert.Single(requests.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task A_pull_is_a_span_whose_events_follow_the_progress()
    {
        await using var ziggie = await TestBackend.StartAsync();
        using var spans = new SpanRecorder(ziggie.Ollama.BaseAddress);
        ziggie.Ollama.PullSteps = 20;

        using var response = await ziggie.Admin.PostStreamingAsync("/api/llm/models/pull", new { model = "qwen2.5:0.5b" });
        await (await response.ReaderAsync()).ReadAllLinesAsync();
        var span = await spans.WaitForAsync(s => s.DisplayName == "pull qwen2.5:0.5b");

        Assert.Equal("qwen2.5:0.5b", span.GetTagItem("gen_ai.request.model"));
        var statuses = span.Events.Where(e => e.Name == "ollama.pull.status").Select(e => e.Tags.Single(t => t.Key == "status").Value).ToArray();
        Assert.Equal("pulling manifest", statuses[0]);
        Assert.Equal("success", statuses[^1]);
        // Twenty progress lines, one event when the layer starts and one per tenth of it.
        var percents = span.Events.Where(e => e.Name == "ollama.pull.progress").Select(e => e.Tags.Single(t => t.Key == "percent").Value).ToArray();
        Assert.Equal([0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L], percents);
    }

    private static MetricCollector<T> Collector<T>(TestBackend ziggie, string instrument) where T : struct =>
        new(ziggie.Services.GetRequiredService<IMeterFactory>(), LlmTelemetry.SourceName, instrument);
}
