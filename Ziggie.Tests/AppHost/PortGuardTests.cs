extern alias AppHost;
using System.Net;
using System.Net.Sockets;
using AppHost::Ziggie.AppHost.Hosting;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// The port guard in the real AppHost: a stray process on a pinned port stops the start, naming the port and the
/// process; with the ports free Ziggie starts and serves on them.
/// </summary>
public class PortGuardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppHost_pinning_a_port_a_stray_process_holds_does_not_start_and_names_the_port_and_its_PID()
    {
        using var stray = await ChildListener.StartAsync();
        await using var ollama = await FakeOllama.StartAsync(Cancel);
        await using var app = await BuildAsync(ollama, stray.Port);

        var error = await Assert.ThrowsAsync<PortsInUseException>(() => app.StartAsync(Cancel).WaitAsync(Timeout, Cancel));

        Assert.NotEqual(Environment.ProcessId, stray.ProcessId);
        Assert.Contains($"Port {stray.Port} (resource \"backend\", endpoint \"http\")", error.Message);
        Assert.Contains($"127.0.0.1:{stray.Port}  PID {stray.ProcessId}  python", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(OperatingSystem.IsWindows() ? $"Stop-Process -Id {stray.ProcessId}" : $"kill {stray.ProcessId}", error.Message);
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task AppHost_with_its_pinned_port_free_starts_and_serves_the_backend_there()
    {
        var port = FreePort();
        await using var ollama = await FakeOllama.StartAsync(Cancel);
        await using var app = await BuildAsync(ollama, port);

        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);
        await SharedAppHost.WaitForBackendServingAsync(app, Cancel);

        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };
        var response = await http.GetAsync("/alive", Cancel).WaitAsync(Timeout, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(response.Headers.GetValues("X-Ziggie-Instance"));
    }

    /// <summary>
    /// The AppHost in existing-services mode with the backend pinned to <paramref name="backendPort"/>. The testing
    /// builder gives proxied endpoints random ports unless told otherwise: here the pin must be real.
    /// </summary>
    private static async Task<DistributedApplication> BuildAsync(FakeOllama ollama, int backendPort)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            [
                .. AppHostArguments.ExistingServices(ollama.BaseAddress, await AppHostArguments.TelemetrySinkAsync()),
                $"Ziggie:Ports:Backend={backendPort}",
                "DcpPublisher:RandomizePorts=false",
            ],
            Cancel).WaitAsync(Timeout, Cancel);
        return await builder.WithoutFrontend().BuildAsync(Cancel).WaitAsync(Timeout, Cancel);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
