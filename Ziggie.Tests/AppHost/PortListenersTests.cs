extern alias AppHost;

using System.Net;
using System.Net.Sockets;
using AppHost::Ziggie.AppHost.Hosting;

namespace Ziggie.Tests.AppHost;

/// <summary>The listener search against this machine's real tables (/proc on Linux).</summary>
public class PortListenersTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("::")]
    public async Task A_listener_on_any_local_address_is_found_with_its_process(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.SkipWhen(ip.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6, "IPv6 is off on this machine.");
        using var listener = new TcpListener(ip, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var found = Assert.Single(await PortListeners.FindAsync(new HashSet<int> { port }, cancellationToken: Cancel));

        Assert.Equal((ip, port), (found.Address, found.Port));
        Assert.Equal(Environment.ProcessId, found.ProcessId);
        Assert.Equal("Ziggie.Tests", found.ProcessName);
        Assert.Contains("Ziggie.Tests", found.CommandLine);
    }

    [Fact]
    public async Task A_listener_the_table_does_not_show_is_still_reported_with_its_owner_unknown()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var found = Assert.Single(await PortListeners.FindAsync(
            new HashSet<int> { port }, (_, _) => Task.FromResult<IReadOnlyList<PortListener>>([]), Cancel));

        Assert.Equal(new PortListener(port, IPAddress.Loopback), found);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_not_reported()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        Assert.Empty(await PortListeners.FindAsync(new HashSet<int> { port }, cancellationToken: Cancel));
    }
}
