extern alias AppHost;

using System.Net;
using System.Net.Sockets;
using AppHost::Ziggie.AppHost.Hosting;

namespace Ziggie.Tests.AppHost;

/// <summary>The relay alone, between two loopback sockets of this test.</summary>
public class TcpRelayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bytes_pass_both_ways_and_each_side_closing_reaches_the_other()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        await using var relay = TcpRelay.Start(new IPEndPoint(IPAddress.Loopback, 0), (IPEndPoint)target.LocalEndpoint);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        await client.ConnectAsync(relay.LocalEndpoint, Cancel).AsTask().WaitAsync(Timeout, Cancel);
        using var server = await target.AcceptSocketAsync(Cancel).AsTask().WaitAsync(Timeout, Cancel);

        await client.SendAsync("ping"u8.ToArray(), Cancel).AsTask().WaitAsync(Timeout, Cancel);
        Assert.Equal("ping", await ReadAsync(server, 4));
        await server.SendAsync("pong!"u8.ToArray(), Cancel).AsTask().WaitAsync(Timeout, Cancel);
        Assert.Equal("pong!", await ReadAsync(client, 5));

        server.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await client.ReceiveAsync(new byte[1], Cancel).AsTask().WaitAsync(Timeout, Cancel));
        client.Close();
        Assert.Equal(0, await server.ReceiveAsync(new byte[1], Cancel).AsTask().WaitAsync(Timeout, Cancel));
    }

    [Fact]
    public async Task A_client_is_closed_when_the_target_refuses()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var target = (IPEndPoint)closed.LocalEndpoint;
        closed.Stop();
        await using var relay = TcpRelay.Start(new IPEndPoint(IPAddress.Loopback, 0), target);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        await client.ConnectAsync(relay.LocalEndpoint, Cancel).AsTask().WaitAsync(Timeout, Cancel);

        Assert.Equal(0, await client.ReceiveAsync(new byte[1], Cancel).AsTask().WaitAsync(Timeout, Cancel));
    }

    [Fact]
    public async Task A_taken_address_fails_to_start_with_address_in_use()
    {
        using var stray = new TcpListener(IPAddress.Loopback, 0);
        stray.Start();

        var error = Assert.Throws<SocketException>(() => TcpRelay.Start((IPEndPoint)stray.LocalEndpoint, (IPEndPoint)stray.LocalEndpoint));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    private static async Task<string> ReadAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), Cancel).AsTask().WaitAsync(Timeout, Cancel);
            if (n == 0) break;
            read += n;
        }

        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }
}
