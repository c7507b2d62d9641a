using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Listeners from <c>netstat -ano</c> (every TCP socket with its owner's process id), names from the process
/// table, command lines from PowerShell's <c>Win32_Process</c>.
/// </summary>
internal static class WindowsPortListeners
{
    public static async Task<IReadOnlyList<PortListener>> ReadAsync(IReadOnlySet<int> ports, CancellationToken cancellationToken)
    {
        var netstat = await CommandLine.OutputOfAsync("netstat", ["-ano"], cancellationToken)
            ?? throw new InvalidOperationException("netstat -ano did not run");
        var sockets = ParseNetstat(netstat).Where(s => ports.Contains(s.Port)).ToList();
        if (sockets.Count == 0) return [];

        var commandLines = await ReadCommandLinesAsync(sockets.Select(s => s.ProcessId).Distinct(), cancellationToken);
        return sockets
            .Select(s => new PortListener(s.Port, s.Address, s.ProcessId, ReadName(s.ProcessId), commandLines.GetValueOrDefault(s.ProcessId)))
            .ToList();
    }

    /// <summary>
    /// The listening TCP rows of <c>netstat -ano</c>. The state column is translated on non-English Windows
    /// ("ABHÖREN"), so a listener is told by its foreign address instead: port 0.
    /// </summary>
    public static IEnumerable<(IPAddress Address, int Port, int ProcessId)> ParseNetstat(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var fields = line.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5 || !fields[0].Equals("TCP", StringComparison.OrdinalIgnoreCase)) continue;
            if (!TrySplit(fields[1], out var address, out var port) || !TrySplit(fields[2], out _, out var foreignPort) || foreignPort != 0) continue;
            if (!int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;

            yield return (address, port, pid);
        }
    }

    // "127.0.0.1:54112", "[::1]:54112", "[fe80::1%4]:54112"
    private static bool TrySplit(string endpoint, out IPAddress address, out int port)
    {
        var colon = endpoint.LastIndexOf(':');
        address = IPAddress.None;
        port = 0;
        return colon > 0
            && IPAddress.TryParse(endpoint.AsSpan(0, colon).Trim("[]"), out address!)
            && int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port);
    }

    private static string? ReadName(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<Dictionary<int, string>> ReadCommandLinesAsync(IEnumerable<int> pids, CancellationToken cancellationToken)
    {
        var filter = string.Join(" OR ", pids.Select(pid => $"ProcessId={pid}"));
        var script = $"Get-CimInstance Win32_Process -Filter '{filter}' | ForEach-Object {{ \"$($_.ProcessId)`t$($_.CommandLine)\" }}";
        var output = await CommandLine.OutputOfAsync("powershell", ["-NoProfile", "-NonInteractive", "-Command", script], cancellationToken) ?? "";
        return output.Split('\n')
            .Select(line => line.TrimEnd('\r').Split('\t', 2))
            .Where(parts => parts.Length == 2 && parts[1].Length > 0 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out _))
            .DistinctBy(parts => parts[0])
            .ToDictionary(parts => int.Parse(parts[0], CultureInfo.InvariantCulture), parts => parts[1]);
    }
}
