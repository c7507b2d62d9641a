using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Orchestration;
using Ziggie.Backend.Shared;
using Ziggie.ServiceDefaults;

namespace Ziggie.Backend.SystemInfo;

/// <summary><c>/api/system</c>, <c>/api/services</c> and the live stats socket <c>/ws</c>; all for signed-in users.</summary>
public static class SystemApi
{
    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        var system = app.MapGroup("/api/system").WithTags("System").RequireAuthorization(Policies.SignedIn);
        system.MapGet("/stats", GetStats);
        system.MapGet("/info", GetInfo);

        app.MapGet("/api/services", GetServices).WithTags("System").RequireAuthorization(Policies.SignedIn);
        // Public once, in the old backend; process and machine figures are for admins.
        app.MapGet("/health/detailed", GetDetailedHealth).WithTags("Health").RequireAuthorization(Policies.Admin);
        app.Map("/ws", StatsSocket.AcceptAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        return app;
    }

    public static async Task<Ok<SystemStats>> GetStats(SystemStatsReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ReadAsync(cancellationToken));

    public static Ok<SystemInfoView> GetInfo(InstanceIdentity instance, IHostEnvironment environment, TimeProvider time)
    {
        using var process = Process.GetCurrentProcess();
        return TypedResults.Ok(new SystemInfoView(
            Environment.MachineName,
            RuntimeInformation.OSDescription,
            RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription,
            Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER") == "true",
            environment.ContentRootPath,
            new ProcessInfo(
                instance.ProcessId,
                instance.StartedAt,
                Math.Round((time.GetUtcNow() - instance.StartedAt).TotalSeconds),
                process.WorkingSet64,
                process.Threads.Count),
            instance.Id));
    }

    public static async Task<Ok<DetailedHealth>> GetDetailedHealth(
        HealthCheckService health, SystemStatsReader reader, InstanceIdentity instance, IHostEnvironment environment, TimeProvider time,
        SharedStore state, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        return TypedResults.Ok(new DetailedHealth(
            report.Status.ToString().ToLowerInvariant(),
            time.GetUtcNow(),
            HealthEndpoints.Version,
            GetInfo(instance, environment, time).Value!.Process,
            await reader.ReadAsync(cancellationToken),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckView(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1))),
            state.Describe()));
    }

    public static async Task<Ok<ServiceList>> GetServices(ServiceDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(cancellationToken));
}

/// <summary><c>/health/detailed</c>: the health report with the process and the machine it runs on.</summary>
public sealed record DetailedHealth(
    string Status, DateTimeOffset Timestamp, string Version, ProcessInfo Process, SystemStats System, IReadOnlyDictionary<string, HealthCheckView> Checks,
    SharedStateInfo State);

public sealed record HealthCheckView(string Status, string? Description, double DurationMs);
