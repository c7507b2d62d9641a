using System.Globalization;
using System.Net;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Listeners from /proc: <c>net/tcp</c> and <c>net/tcp6</c> list every socket with its address, port, state
/// and inode; the process whose <c>fd</c> folder links to <c>socket:[inode]</c> owns it.
/// </summary>
internal static class LinuxPortListeners
{
    private const string ListenState = "0A";

    /// <param name="ports">The ports to look at.</param>
    /// <param name="proc">The proc file system's root; tests pass a folder laid out like it.</param>
    public static IReadOnlyList<PortListener> Read(IReadOnlySet<int> ports, string proc = "/proc")
    {
        var sockets = new[] { "net/tcp", "net/tcp6" }
            .Select(table => Path.Combine(proc, table))
            .Where(File.Exists)
            .SelectMany(table => ParseTable(File.ReadAllText(table)))
            .Where(socket => ports.Contains(socket.Port))
            .ToList();
        if (sockets.Count == 0) return [];

        var owners = FindOwners(sockets.Select(s => s.Inode).ToHashSet(), proc);
        return sockets
            .Select(s => owners.TryGetValue(s.Inode, out var pid)
                ? new PortListener(s.Port, s.Address, pid, ReadName(proc, pid), ReadCommandLine(proc, pid))
                : new PortListener(s.Port, s.Address))
            .ToList();
    }

    /// <summary>The listening sockets of one /proc/net/tcp or tcp6 table (other states are skipped).</summary>
    public static IEnumerable<ProcSocket> ParseTable(string table)
    {
        foreach (var line in table.Split('\n').Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != ListenState) continue;

            var (address, port) = ParseEndpoint(fields[1]);
            yield return new ProcSocket(address, port, long.Parse(fields[9], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Reads <c>0100007F:D3B0</c>: the address as 32-bit words the kernel prints in this machine's byte order
    /// (so on x86 127.0.0.1 reads backwards), then the port in plain hex.
    /// </summary>
    public static (IPAddress Address, int Port) ParseEndpoint(string text)
    {
        var colon = text.IndexOf(':');
        var hex = text.AsSpan(0, colon);
        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < hex.Length; i += 8)
        {
            var word = uint.Parse(hex.Slice(i, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(i / 2, 4), word);
        }

        return (new IPAddress(bytes), int.Parse(text.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Maps socket inodes to the lowest process id holding them (a forked server shares its socket with its
    /// workers; the parent is the one to stop). Processes of other users cannot be read without root: their
    /// sockets stay without owner.
    /// </summary>
    private static Dictionary<long, int> FindOwners(HashSet<long> inodes, string proc)
    {
        var owners = new Dictionary<long, int>();
        foreach (var folder in Directory.EnumerateDirectories(proc))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(folder, "fd")))
                {
                    if (SocketInode(new FileInfo(fd).LinkTarget) is { } inode && inodes.Contains(inode)
                        && (!owners.TryGetValue(inode, out var known) || pid < known))
                    {
                        owners[inode] = pid;
                    }
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                // Another user's process, or one that ended while we looked.
            }
        }

        return owners;
    }

    private static long? SocketInode(string? link) =>
        link is not null && link.StartsWith("socket:[", StringComparison.Ordinal) && link.EndsWith(']')
        && long.TryParse(link.AsSpan(8, link.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;

    private static string? ReadName(string proc, int pid) =>
        ReadOrNull(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "comm"))?.Trim();

    private static string? ReadCommandLine(string proc, int pid) =>
        ReadOrNull(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "cmdline")) is { } raw
            ? CommandLine.Join(raw.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            : null;

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }
}

/// <summary>A listening socket from /proc/net/tcp or tcp6.</summary>
internal sealed record ProcSocket(IPAddress Address, int Port, long Inode);
