using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Healthy when Ollama answers <c>/api/show</c> for the model, that is, the model is there to use.</summary>
internal sealed class OllamaModelHealthCheck(OllamaHttp ollama, string model) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ollama.ShowAsync(model, cancellationToken) is { } reason
                ? new HealthCheckResult(context.Registration.FailureStatus, $"Ollama does not show {model}: {reason}")
                : HealthCheckResult.Healthy($"Ollama has {model}");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
