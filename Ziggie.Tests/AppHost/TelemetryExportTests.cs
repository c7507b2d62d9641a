extern alias AppHost;

using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// What the dashboard would receive: the backend started by the real AppHost, exporting over OTLP to the
/// endpoint the AppHost gives it (here a collector in the test, standing in for the dashboard).
/// </summary>
public class TelemetryExportTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    static CancellationToken Cancel => TestContext.Current.CancellationToken;
    const string Scope = "Ziggie.Backend";
    const string SigningKey = "a-signing-key-for-the-telemetry-test-0123456789abcdef";

    [Fact]
    public async Task The_backend_exports_the_llm_span_with_model_and_token_counts_and_the_llm_metrics()
    {
        await using var collector = await OtlpCollector.StartAsync(Cancel);
        await using var ollama = await FakeOllama.StartAsync(Cancel);
        ollama.TokenCount = 6;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            [
                "ConnectionStrings:ziggiedb=mongodb://127.0.0.1:1/ziggie",
                $"Ziggie:Ollama:Url={ollama.BaseAddress}",
                "Ziggie:Ollama:Models=",
                "Ziggie:Ports:Backend=0",
                $"Parameters:jwt-signing-key={SigningKey}",
                $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={collector.BaseAddress}",
            ],
            Cancel).WaitAsync(Timeout, Cancel);
        await using var app = await builder.BuildAsync(Cancel).WaitAsync(Timeout, Cancel);
        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("backend", Cancel).WaitAsync(Timeout, Cancel);

        using var http = app.CreateHttpClient("backend");
        // No MongoDB here to sign in with: a token signed with the AppHost's key is trusted while the database is away.
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Create(SigningKey, DateTime.UtcNow.AddHours(1)));
        var answer = await (await http.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "Say hello to the dashboard" }, Cancel))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var span = await collector.WaitForSpanAsync(s => s.Name == "text_completion llama3.2", Timeout);

        Assert.Equal(("backend", Scope), (span.ServiceName, span.Scope));
        Assert.Equal("text_completion", span.Attributes["gen_ai.operation.name"]);
        Assert.Equal("llama3.2", span.Attributes["gen_ai.request.model"]);
        Assert.Equal(answer.GetProperty("prompt_eval_count").GetInt64(), span.Attributes["gen_ai.usage.input_tokens"]);
        Assert.Equal(6L, span.Attributes["gen_ai.usage.output_tokens"]);
        Assert.Equal(["stop"], (object?[])span.Attributes["gen_ai.response.finish_reasons"]!);
        await collector.WaitForMetricAsync(Scope, "ziggie.llm.time_to_first_token", Timeout);
        await collector.WaitForMetricAsync(Scope, "ziggie.llm.tokens_per_second", Timeout);
        await collector.WaitForMetricAsync(Scope, "ziggie.llm.requests", Timeout);
    }
}
