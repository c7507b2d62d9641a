using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// The dashboard health of a service that reports its own: reads the <c>status</c> of its <c>/health</c> JSON body
/// (<c>healthy</c>, <c>degraded</c>, <c>unhealthy</c>), so a backend that answers 200 but has lost MongoDB shows
/// Degraded rather than Healthy, naming the checks that are not healthy. Aspire's HTTP check only sees the 200.
/// </summary>
internal sealed class HealthReportCheck(Func<Uri?> address) : IHealthCheck
{
    // Short: the dashboard polls, and a backend that does not answer in 5 s is not healthy for its users either.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (address() is not { } url)
        {
            return HealthCheckResult.Unhealthy("The endpoint is not allocated yet.");
        }

        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var status = body.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var failing = FailingChecks(body);
            return status switch
            {
                "healthy" when response.IsSuccessStatusCode => HealthCheckResult.Healthy(),
                "degraded" when response.IsSuccessStatusCode => HealthCheckResult.Degraded($"{url} says degraded: {failing}"),
                _ => HealthCheckResult.Unhealthy($"{url} answered {(int)response.StatusCode} with status '{status}': {failing}"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{url} did not answer with a health report ({ex.Message}).");
        }
    }

    private static string FailingChecks(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Object)
        {
            return "no checks listed";
        }

        var failing = checks.EnumerateObject()
            .Where(c => c.Value.ValueKind == JsonValueKind.Object
                && c.Value.TryGetProperty("status", out var status) && status.GetString() != "healthy")
            .Select(c => c.Value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                ? $"{c.Name} ({d.GetString()})"
                : c.Name)
            .ToList();
        return failing.Count == 0 ? "every check is healthy" : string.Join("; ", failing);
    }
}
