using System.Net.Http.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

public class OllamaCallLoggingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ollama_calls_log_no_resilience_attempt_lines_at_information()
    {
        // Information everywhere, as a developer's run is: only the backend's own appsettings.json quiets categories.
        await using var ziggie = await TestBackend.StartAsync(("Logging:LogLevel:Default", "Information"));

        (await ziggie.Client.GetAsync("/api/llm/models", Cancel)).EnsureSuccessStatusCode();
        (await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel)).EnsureSuccessStatusCode();
        (await ziggie.Client.GetAsync("/api/llm/status", Cancel)).EnsureSuccessStatusCode();

        Assert.Contains(ziggie.Logs.Lines, line => line.StartsWith("Information ", StringComparison.Ordinal));
        Assert.DoesNotContain(ziggie.Logs.Lines, line => line.Contains("Execution attempt", StringComparison.Ordinal));
    }
}
