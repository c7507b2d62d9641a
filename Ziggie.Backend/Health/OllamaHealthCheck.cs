using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Health;

/// <summary>Ollama's <c>/api/version</c>, the same question <c>/api/llm/status</c> asks.</summary>
public sealed class OllamaHealthCheck(OllamaStatusProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await probe.CheckAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["url"] = status.Url, ["latency_ms"] = status.LatencyMs };
        if (status.Version is { } version) data["version"] = version.Version;

        return status.Status == LlmStatus.Online
            ? HealthCheckResult.Healthy($"Ollama {status.Version?.Version} answers", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"Ollama is {status.Status}: {status.Error}", data: data);
    }
}
