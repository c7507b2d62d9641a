using System.Net;
using System.Net.Sockets;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Finds the listeners on given TCP ports, on any local address, with the process behind each: from /proc on
/// Linux, <c>netstat -ano</c> on Windows and <c>lsof</c> on macOS.
/// </summary>
internal static class PortListeners
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <param name="ports">The ports to look at.</param>
    /// <param name="readTable">Reads this OS's listener table; the default picks the reader for this OS.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public static async Task<IReadOnlyList<PortListener>> FindAsync(
        IReadOnlySet<int> ports,
        Func<IReadOnlySet<int>, CancellationToken, Task<IReadOnlyList<PortListener>>>? readTable = null,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PortListener> listed;
        try
        {
            listed = await (readTable ?? ReadTableAsync)(ports, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            listed = [];
        }

        // A table can miss a listener (lsof shows only this user's processes on macOS; a tool may be missing),
        // but a listener still accepts a connection: such a port is reported with its owner unknown.
        var found = listed.ToList();
        foreach (var port in ports.Except(listed.Select(l => l.Port)))
        {
            foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
            {
                if (await AcceptsConnectionAsync(address, port, cancellationToken))
                {
                    found.Add(new PortListener(port, address));
                }
            }
        }

        return found;
    }

    private static Task<IReadOnlyList<PortListener>> ReadTableAsync(IReadOnlySet<int> ports, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsLinux()) return Task.FromResult(LinuxPortListeners.Read(ports));
        if (OperatingSystem.IsWindows()) return WindowsPortListeners.ReadAsync(ports, cancellationToken);
        if (OperatingSystem.IsMacOS()) return MacPortListeners.ReadAsync(ports, cancellationToken);
        return Task.FromResult<IReadOnlyList<PortListener>>([]);
    }

    private static async Task<bool> AcceptsConnectionAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6) return false;

        using var client = new TcpClient(address.AddressFamily);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
