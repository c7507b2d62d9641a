using System.Globalization;
using System.Net;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Listeners from <c>lsof -nP -iTCP:PORTS -sTCP:LISTEN</c>, command lines from <c>ps</c>. Without root, lsof
/// shows only this user's processes; <see cref="PortListeners"/> still finds the others by connecting.
/// </summary>
internal static class MacPortListeners
{
    public static async Task<IReadOnlyList<PortListener>> ReadAsync(IReadOnlySet<int> ports, CancellationToken cancellationToken)
    {
        // lsof exits with 1 when it finds nothing; its output is what counts.
        var lsof = await CommandLine.OutputOfAsync(
                "lsof", ["-nP", $"-iTCP:{string.Join(',', ports)}", "-sTCP:LISTEN", "-F", "pctn"], cancellationToken)
            ?? throw new InvalidOperationException("lsof did not run");
        var listeners = ParseLsof(lsof).Where(l => ports.Contains(l.Port)).ToList();
        if (listeners.Count == 0) return [];

        var pids = listeners.Select(l => l.ProcessId!.Value).Distinct().ToList();
        var ps = await CommandLine.OutputOfAsync("ps", ["-ww", "-o", "pid=,command=", "-p", string.Join(',', pids)], cancellationToken) ?? "";
        var commandLines = ParsePs(ps);
        return listeners.Select(l => l with { CommandLine = commandLines.GetValueOrDefault(l.ProcessId!.Value) }).ToList();
    }

    /// <summary>
    /// Reads lsof's field output: a <c>p</c> (pid) and <c>c</c> (command) line per process, then <c>t</c>
    /// (IPv4 or IPv6) and <c>n</c> (address:port, <c>*</c> for every address) per socket.
    /// </summary>
    public static IEnumerable<PortListener> ParseLsof(string output)
    {
        int? pid = null;
        string? name = null;
        var ipv6 = false;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var value = line[1..];
            switch (line[0])
            {
                case 'p':
                    pid = int.Parse(value, CultureInfo.InvariantCulture);
                    name = null;
                    break;
                case 'c':
                    name = value;
                    break;
                case 't':
                    ipv6 = value == "IPv6";
                    break;
                case 'n' when pid is not null:
                    var colon = value.LastIndexOf(':');
                    var host = value[..colon].Trim('[', ']');
                    var address = host == "*" ? (ipv6 ? IPAddress.IPv6Any : IPAddress.Any) : IPAddress.Parse(host);
                    yield return new PortListener(int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture), address, pid, name);
                    break;
            }
        }
    }

    /// <summary>Reads <c>ps -o pid=,command=</c>: the pid, spaces, then the whole command line.</summary>
    public static Dictionary<int, string> ParsePs(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => int.Parse(parts[0], CultureInfo.InvariantCulture), parts => parts[1]);
}
