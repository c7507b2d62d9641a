using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// The AppHost run the way a person runs it (its own process, dashboard on): what the port guard prints and how
/// the process ends.
/// </summary>
public class PortGuardRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AppHost_exits_with_code_1_and_lists_every_taken_port_of_the_backend_and_the_dashboard()
    {
        using var backend = await ChildListener.StartAsync("127.0.0.1");
        using var dashboard = await ChildListener.StartAsync("0.0.0.0");
        using var resourceService = await ChildListener.StartAsync("127.0.0.1");

        var (exitCode, output) = await DotnetProcess.RunAsync(RepositoryPaths.AppHostDll, [],
        [
            .. ExistingServices,
            ("Ziggie__Ports__Backend", $"{backend.Port}"),
            ("ASPNETCORE_URLS", $"http://127.0.0.1:{dashboard.Port}"),
            ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://127.0.0.1:0"),
            ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", $"http://127.0.0.1:{resourceService.Port}"),
        ], Timeout);

        Assert.True(exitCode == 1, output);
        Assert.Contains("Ziggie did not start: other processes listen on ports", output);
        Assert.Contains($"Port {backend.Port} (resource \"backend\", endpoint \"http\")", output);
        Assert.Contains($"Port {dashboard.Port} (resource \"aspire-dashboard\", endpoint \"http\")", output);
        Assert.Contains($"Port {resourceService.Port} (the dashboard's resource service", output);
        Assert.Contains($"0.0.0.0:{dashboard.Port}  PID {dashboard.ProcessId}  python", output, StringComparison.OrdinalIgnoreCase);
        foreach (var pid in new[] { backend.ProcessId, dashboard.ProcessId, resourceService.ProcessId })
        {
            Assert.Contains($"PID {pid}", output);
        }

        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("Distributed application starting", output);
    }

    [Fact]
    public async Task Publishing_the_manifest_does_not_check_ports_because_nothing_listens_in_publish_mode()
    {
        using var stray = await ChildListener.StartAsync();
        var output = Directory.CreateTempSubdirectory("ziggie-manifest-");
        try
        {
            var (exitCode, log) = await DotnetProcess.RunAsync(RepositoryPaths.AppHostDll,
                ["--publisher", "manifest", "--output-path", Path.Combine(output.FullName, "aspire-manifest.json")],
                [("Ziggie__Ports__Backend", $"{stray.Port}")], Timeout);

            Assert.True(exitCode == 0, log);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static readonly (string, string)[] ExistingServices =
    [
        ("ConnectionStrings__ziggiedb", "mongodb://127.0.0.1:1/ziggie"),
        ("Ziggie__Ollama__Url", "http://127.0.0.1:1"),
        ("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true"),
        ("DOTNET_ENVIRONMENT", "Development"),
    ];
}
