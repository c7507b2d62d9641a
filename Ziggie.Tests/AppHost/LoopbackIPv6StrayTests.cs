extern alias AppHost;
using System.Net;
using System.Net.Sockets;
using AppHost::Ziggie.AppHost.Hosting;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// A stray taking [::1]:port after the port guard looked but before the AppHost holds it: the start fails the
/// way the guard fails, naming the stray.
/// </summary>
public class LoopbackIPv6StrayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stray_on_ipv6_loopback_of_the_backends_allocated_port_stops_the_start_naming_it()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "IPv6 is off on this machine.");
        await using var ollama = await FakeOllama.StartAsync(Cancel).WaitAsync(Timeout, Cancel);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            AppHostArguments.ExistingServices(ollama.BaseAddress, await AppHostArguments.TelemetrySinkAsync(), "Ziggie:Ports:Backend=0"),
            Cancel).WaitAsync(Timeout, Cancel);
        TcpListener? stray = null;
        // Subscribed at build time, so it runs before the AppHost's own subscribers: the stray wins the race.
        builder.Eventing.Subscribe<ResourceEndpointsAllocatedEvent>((e, _) =>
        {
            if (e.Resource.Name == "backend")
            {
                var port = e.Resource.Annotations.OfType<EndpointAnnotation>().Single(a => a.Name == "http").AllocatedEndpoint!.Port;
                stray = new TcpListener(IPAddress.IPv6Loopback, port);
                stray.Start();
            }

            return Task.CompletedTask;
        });
        await using var app = await builder.WithoutFrontend().BuildAsync(Cancel).WaitAsync(Timeout, Cancel);

        try
        {
            var error = await Assert.ThrowsAsync<PortsInUseException>(() => app.StartAsync(Cancel).WaitAsync(Timeout, Cancel));

            var port = ((IPEndPoint)stray!.LocalEndpoint).Port;
            Assert.Contains($"Port {port} (resource \"backend\", endpoint \"http\", on [::1])", error.Message);
            Assert.Contains($"[::1]:{port}  PID {Environment.ProcessId}", error.Message);
        }
        finally
        {
            stray?.Dispose();
        }
    }
}
