using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// The real AppHost after start: Aspire's proxy holds 127.0.0.1:port only, so Ziggie holds [::1]:port itself and
/// relays it, leaving no address of the backend's port for a stray copy to answer on.
/// </summary>
[Collection(SharedAppHostCollection.Name)]
public class LoopbackIPv6RelayTests(SharedAppHost host)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private int BackendPort => host.App.GetEndpoint("backend", "http").Port;

    [Fact]
    public void After_start_no_other_process_can_listen_on_the_backends_port_on_ipv6_loopback()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "IPv6 is off on this machine.");
        using var stray = new TcpListener(IPAddress.IPv6Loopback, BackendPort);

        var error = Assert.Throws<SocketException>(stray.Start);

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    [Fact]
    public async Task A_request_to_the_backends_port_on_ipv6_loopback_reaches_the_backend()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "IPv6 is off on this machine.");
        using var http = new HttpClient();

        using var response = await http.GetAsync($"http://[::1]:{BackendPort}/health/live", Cancel).WaitAsync(SharedAppHost.Timeout, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Assert.Single(response.Headers.GetValues("X-Ziggie-Instance")));
    }
}
