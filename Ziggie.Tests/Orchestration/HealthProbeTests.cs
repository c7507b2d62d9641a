using System.Net;
using System.Net.Sockets;
using Ziggie.Backend.Orchestration;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Orchestration;

/// <summary>
/// <c>Ziggie.Backend --healthcheck</c>, run as the container runtime runs it: the built backend as its own process,
/// without the AppHost's configuration.
/// </summary>
public class HealthProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Probe_exits_0_when_the_backend_answers_without_needing_connection_strings()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var (exitCode, output) = await ProbeAsync([new Uri(ziggie.Client.BaseAddress!, "/health/live").ToString()]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("answered 200", output);
    }

    [Fact]
    public async Task Probe_exits_1_when_nothing_listens()
    {
        var (exitCode, output) = await ProbeAsync([$"http://127.0.0.1:{ClosedPort()}/health/live"]);

        Assert.True(exitCode == 1, output);
        Assert.Contains("did not answer", output);
    }

    [Fact]
    public async Task Probe_exits_1_when_the_answer_is_not_a_success()
    {
        // MongoDB is unreachable in TestBackend, so readiness answers 503.
        await using var ziggie = await TestBackend.StartAsync();

        var (exitCode, output) = await ProbeAsync([new Uri(ziggie.Client.BaseAddress!, "/health/ready").ToString()]);

        Assert.True(exitCode == 1, output);
        Assert.Contains("answered 503", output);
    }

    [Fact]
    public async Task Probe_without_url_checks_liveness_on_the_port_from_HTTP_PORTS()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var (exitCode, output) = await ProbeAsync([],
            ("HTTP_PORTS", ziggie.Client.BaseAddress!.Port.ToString()), ("ASPNETCORE_URLS", ""), ("DOTNET_URLS", ""), ("URLS", ""),
            ("ASPNETCORE_HTTP_PORTS", ""), ("DOTNET_HTTP_PORTS", ""));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"http://127.0.0.1:{ziggie.Client.BaseAddress.Port}/health/live answered 200", output);
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS", "http://+:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("ASPNETCORE_URLS", "https://*:8443;http://0.0.0.0:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("URLS", "http://[::]:5123", "http://127.0.0.1:5123/health/live")]
    [InlineData("ASPNETCORE_URLS", "http://10.1.2.3:7000/", "http://10.1.2.3:7000/health/live")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "8080;8081", "http://127.0.0.1:8080/health/live")]
    [InlineData("HTTP_PORTS", "9000", "http://127.0.0.1:9000/health/live")]
    [InlineData("NOTHING", "", "http://127.0.0.1:5000/health/live")]
    public void Default_url_is_liveness_on_the_address_kestrel_listens_on(string name, string value, string expected) =>
        Assert.Equal(expected, HealthProbe.DefaultUrl(key => key == name ? value : null));

    [Fact]
    public void Url_lists_win_over_port_lists_as_in_kestrel() =>
        Assert.Equal("http://127.0.0.1:7001/health/live", HealthProbe.DefaultUrl(key => key switch
        {
            "HTTP_PORTS" => "8080",
            "ASPNETCORE_URLS" => "http://localhost:7001",
            _ => null,
        }));

    private static Task<(int ExitCode, string Output)> ProbeAsync(string[] arguments, params (string Name, string Value)[] environment) =>
        DotnetProcess.RunAsync(RepositoryPaths.BackendDll, [HealthProbe.Flag, .. arguments], environment, Timeout);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
