extern alias AppHost;

using System.Net;
using System.Net.Sockets;
using AppHost::Ziggie.AppHost.Hosting;

namespace Ziggie.Tests.AppHost;

/// <summary>Reading the output of <c>netstat -ano</c> (Windows) and <c>lsof</c> and <c>ps</c> (macOS), from sample text.</summary>
public class WindowsAndMacPortListenersTests
{
    [Fact]
    public void Netstat_rows_with_a_foreign_port_of_0_are_the_listeners_whatever_the_language_of_the_state()
    {
        const string netstat = """

            Aktive Verbindungen

              Proto  Lokale Adresse         Remoteadresse          Status           PID
              TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN         1012
              TCP    127.0.0.1:54112        0.0.0.0:0              LISTENING       4242
              TCP    127.0.0.1:54112        127.0.0.1:50123        ESTABLISHED     4242
              TCP    [::1]:54112            [::]:0                 LISTENING       4243
              TCP    [fe80::1%4]:3001       [::]:0                 LISTENING       77
              UDP    0.0.0.0:5353           *:*                                    2222
            """;

        Assert.Equal(
            [
                (IPAddress.Any, 135, 1012),
                (IPAddress.Loopback, 54112, 4242),
                (IPAddress.IPv6Loopback, 54112, 4243),
                (IPAddress.Parse("fe80::1%4"), 3001, 77),
            ],
            WindowsPortListeners.ParseNetstat(netstat.ReplaceLineEndings("\r\n")));
    }

    [Fact]
    public void Lsof_field_output_gives_each_socket_with_its_process_and_star_as_every_address()
    {
        const string lsof = """
            p4242
            cpython3
            f3
            tIPv4
            n127.0.0.1:54112
            f4
            tIPv6
            n[::1]:54112
            p5000
            cnode
            f20
            tIPv4
            n*:3001
            f21
            tIPv6
            n*:3001
            """;

        Assert.Equal(
            [
                new PortListener(54112, IPAddress.Loopback, 4242, "python3"),
                new PortListener(54112, IPAddress.IPv6Loopback, 4242, "python3"),
                new PortListener(3001, IPAddress.Any, 5000, "node"),
                new PortListener(3001, IPAddress.IPv6Any, 5000, "node"),
            ],
            MacPortListeners.ParseLsof(lsof));
    }

    [Fact]
    public void Ps_output_gives_each_process_its_whole_command_line()
    {
        const string ps = """
             4242 /usr/bin/python3 main.py --port 54112
            15000 node /Users/me/front end/server.js
            """;

        var commandLines = MacPortListeners.ParsePs(ps);

        Assert.Equal("/usr/bin/python3 main.py --port 54112", commandLines[4242]);
        Assert.Equal("node /Users/me/front end/server.js", commandLines[15000]);
    }

    [Fact]
    public async Task The_lsof_reader_finds_a_real_listener_with_its_whole_name_and_command_line()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "lsof and ps are Unix tools.");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        IReadOnlyList<PortListener> found;
        try
        {
            found = await MacPortListeners.ReadAsync(new HashSet<int> { port }, TestContext.Current.CancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            Assert.Skip($"lsof is not installed here ({ex.Message}).");
            throw;
        }

        var socket = Assert.Single(found);
        Assert.Equal((port, IPAddress.Loopback, Environment.ProcessId, "Ziggie.Tests"), (socket.Port, socket.Address, socket.ProcessId, socket.ProcessName));
        Assert.Contains("Ziggie.Tests", socket.CommandLine);
    }
}
