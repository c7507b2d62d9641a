using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ziggie.ServiceDefaults;

/// <summary>
/// The health routes of the Ziggie contract. A dependency that is down makes <c>/health</c> say
/// "degraded" with 200 (register its check with <see cref="HealthStatus.Degraded"/> as the failure
/// status): an orchestrator must not restart the backend because Ollama is away.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Tag of checks that say whether the process itself is alive.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of checks that must pass before the service is ready for traffic.</summary>
    public const string ReadyTag = "ready";

    private static readonly string[] Paths = ["/health", "/alive"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Version { get; } =
        (Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    public static bool IsHealthPath(PathString path)
    {
        // A loop, not Any(): tracing asks for every request, and a lambda over the path would allocate each time.
        foreach (var health in Paths)
        {
            if (path.StartsWithSegments(health, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    internal static void Map(WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
            ResponseWriter = WriteHealth,
        });

        var live = new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag), ResponseWriter = WriteAlive };
        app.MapHealthChecks("/health/live", live);
        app.MapHealthChecks("/alive", live);

        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadyTag),
            // Ready means every dependency answers; "degraded" is not ready.
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = WriteReady,
        });

        app.MapGet("/health/startup", (StartupProbe startup) => startup.IsComplete
                ? Results.Json(new { startup_complete = true, timestamp = DateTimeOffset.UtcNow, version = Version })
                : Results.Json(new { startup_complete = false, timestamp = DateTimeOffset.UtcNow, version = Version },
                    statusCode: StatusCodes.Status503ServiceUnavailable))
            .ExcludeFromDescription();
    }

    private static Task WriteHealth(HttpContext context, HealthReport report) =>
        Write(context, new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            timestamp = DateTimeOffset.UtcNow,
            version = Version,
            checks = Describe(report),
        });

    private static Task WriteAlive(HttpContext context, HealthReport report) =>
        Write(context, new { alive = report.Status != HealthStatus.Unhealthy, timestamp = DateTimeOffset.UtcNow });

    private static Task WriteReady(HttpContext context, HealthReport report) =>
        Write(context, new
        {
            ready = report.Status == HealthStatus.Healthy,
            timestamp = DateTimeOffset.UtcNow,
            failed = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).ToArray(),
            checks = Describe(report),
        });

    private static Dictionary<string, object> Describe(HealthReport report) =>
        report.Entries.Where(e => !e.Value.Tags.Contains(LiveTag)).ToDictionary(
            e => e.Key,
            e => (object)new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = FirstLine(e.Value.Description),
                duration_ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            });

    // Anonymous callers read this: a check that put an exception's text in its description (type names,
    // stack frames on later lines) must not show more than its first line here.
    private static string? FirstLine(string? description) =>
        description?.Split(['\r', '\n'], 2)[0].Trim();

    private static Task Write(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted);
    }
}
