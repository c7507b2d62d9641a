extern alias AppHost;

using System.Net;
using AppHost::Ziggie.AppHost.Hosting;

namespace Ziggie.Tests.AppHost;

/// <summary>Reading /proc/net/tcp, tcp6 and the fd links, from sample text laid out as the kernel writes it.</summary>
public class LinuxPortListenersTests
{
    // As a little-endian (x86, ARM) kernel prints them: 127.0.0.1:54112 and 0.0.0.0:3001 listen (0A), one
    // connection to 54112 is established (01).
    private const string Tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:D360 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 777 1 0000000000000000 100 0 0 10 0
           1: 00000000:0BB9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 888 1 0000000000000000 100 0 0 10 0
           2: 0100007F:D360 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000  1000        0 999 1 0000000000000000 20 4 30 10 -1
        """;

    // [::1]:54112, [::]:3001 and [::ffff:127.0.0.1]:54112 listen.
    private const string Tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:D360 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1777 1 0000000000000000 100 0 0 10 0
           1: 00000000000000000000000000000000:0BB9 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1888 1 0000000000000000 100 0 0 10 0
           2: 0000000000000000FFFF00000100007F:D360 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1999 1 0000000000000000 100 0 0 10 0
        """;

    [Fact]
    public void The_tables_give_each_listening_socket_with_address_port_and_inode()
    {
        Assert.SkipUnless(BitConverter.IsLittleEndian, "The sample text is what a little-endian kernel prints.");

        Assert.Equal(
            [
                new ProcSocket(IPAddress.Loopback, 54112, 777),
                new ProcSocket(IPAddress.Any, 3001, 888),
            ],
            LinuxPortListeners.ParseTable(Tcp));
        Assert.Equal(
            [
                new ProcSocket(IPAddress.IPv6Loopback, 54112, 1777),
                new ProcSocket(IPAddress.IPv6Any, 3001, 1888),
                new ProcSocket(IPAddress.Parse("::ffff:127.0.0.1"), 54112, 1999),
            ],
            LinuxPortListeners.ParseTable(Tcp6));
    }

    [Fact]
    public void Each_socket_is_owned_by_the_lowest_process_linking_to_its_inode_and_unreadable_owners_stay_unknown()
    {
        Assert.SkipUnless(BitConverter.IsLittleEndian, "The sample text is what a little-endian kernel prints.");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The fake /proc needs symbolic links.");
        var proc = Directory.CreateTempSubdirectory("ziggie-proc-");
        try
        {
            Write(proc, "net/tcp", Tcp);
            Write(proc, "net/tcp6", Tcp6);
            // A server and the workers it forked share the socket; the parent (lowest PID) is the one to stop.
            Process(proc, 1250, "python3\n", "python3\0main.py\0", "socket:[777]");
            Process(proc, 1200, "python3\n", "python3\0main.py\0--port\054112\0", "socket:[777]");
            Process(proc, 1300, "python3\n", "python3\0main.py\0", "socket:[777]");
            Process(proc, 1400, "python3\n", "python3\0main.py\0", "socket:[777]");
            Process(proc, 5000, "node\n", "node\0/srv/front end/server.js\0", "/dev/null", "socket:[888]");
            Directory.CreateDirectory(Path.Combine(proc.FullName, "self"));

            var listeners = LinuxPortListeners.Read(new HashSet<int> { 54112, 3001 }, proc.FullName);

            Assert.Equal(
                [
                    new PortListener(54112, IPAddress.Loopback, 1200, "python3", "python3 main.py --port 54112"),
                    new PortListener(3001, IPAddress.Any, 5000, "node", "node \"/srv/front end/server.js\""),
                    new PortListener(54112, IPAddress.IPv6Loopback),
                    new PortListener(3001, IPAddress.IPv6Any),
                    new PortListener(54112, IPAddress.Parse("::ffff:127.0.0.1")),
                ],
                listeners);
        }
        finally
        {
            proc.Delete(recursive: true);
        }
    }

    [Fact]
    public void Ports_not_asked_for_are_left_out()
    {
        Assert.SkipUnless(BitConverter.IsLittleEndian, "The sample text is what a little-endian kernel prints.");
        var proc = Directory.CreateTempSubdirectory("ziggie-proc-");
        try
        {
            Write(proc, "net/tcp", Tcp);

            Assert.Empty(LinuxPortListeners.Read(new HashSet<int> { 8080 }, proc.FullName));
        }
        finally
        {
            proc.Delete(recursive: true);
        }
    }

    private static void Write(DirectoryInfo proc, string path, string text)
    {
        var file = Path.Combine(proc.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    private static void Process(DirectoryInfo proc, int pid, string comm, string cmdline, params string[] fds)
    {
        Write(proc, $"{pid}/comm", comm);
        Write(proc, $"{pid}/cmdline", cmdline);
        var fdFolder = Directory.CreateDirectory(Path.Combine(proc.FullName, $"{pid}", "fd"));
        for (var fd = 0; fd < fds.Length; fd++)
        {
            File.CreateSymbolicLink(Path.Combine(fdFolder.FullName, $"{fd + 3}"), fds[fd]);
        }
    }
}
