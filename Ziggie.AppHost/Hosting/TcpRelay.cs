using System.Net;
using System.Net.Sockets;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Listens on one local endpoint and forwards each connection to another, byte for byte, as they come: no
/// request is buffered whole, so streamed answers (NDJSON, WebSockets) pass at once.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TcpRelay(TcpListener listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        _accepting = AcceptAsync();
    }

    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds <paramref name="listen"/> at once; a <see cref="SocketException"/> says why it could not.</summary>
    public static TcpRelay Start(IPEndPoint listen, IPEndPoint target)
    {
        var listener = new TcpListener(listen);
        // Only this socket may hold the address: the point is that a stray cannot share it.
        listener.ExclusiveAddressUse = true;
        listener.Start();
        return new TcpRelay(listener, target);
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(RelayAsync(client, _stop.Token));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task RelayAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        using (var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                upstream.NoDelay = client.NoDelay = true;
                await upstream.ConnectAsync(_target, cancellationToken);
                // A side that ends its stream has the end passed on (the other keeps answering a half-closed
                // request); a side that fails closes both at once.
                await Task.WhenAll(PumpAsync(client, upstream, cancellationToken), PumpAsync(upstream, client, cancellationToken));
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
            {
                // The target refused, or the app is stopping: the client sees its connection close.
            }
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side went away, or the relay is stopping: closing both ends the other pump too.
            from.Dispose();
            to.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
