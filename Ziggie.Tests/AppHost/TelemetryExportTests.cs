using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// What the dashboard would receive: the backend started by the real AppHost, exporting over OTLP to the
/// endpoint the AppHost gives it (here a collector in the test, standing in for the dashboard).
/// </summary>
[Collection(SharedAppHostCollection.Name)]
public class TelemetryExportTests(SharedAppHost host)
{
    private static readonly TimeSpan Timeout = SharedAppHost.Timeout;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private const string Scope = "Ziggie.Backend";

    [Fact]
    public async Task The_backend_exports_the_llm_span_with_model_and_token_counts_and_the_llm_metrics()
    {
        var collector = host.Collector;
        using var http = host.App.CreateHttpClient("backend");
        // No MongoDB here to sign in with: a token signed with the AppHost's key is trusted while the database is away.
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Create(AppHostArguments.SigningKey, DateTime.UtcNow.AddHours(1)));
        // The only generation in the shared AppHost: the one text_completion span is this request's.
        var prompt = "Say hello to the dashboard";
        var answer = await (await http.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt }, Cancel).WaitAsync(Timeout, Cancel))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel).WaitAsync(Timeout, Cancel);
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
