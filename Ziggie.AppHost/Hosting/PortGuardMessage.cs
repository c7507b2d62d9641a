using System.Text;

namespace Ziggie.AppHost.Hosting;

/// <summary>The operating systems whose commands the port guard's message gives.</summary>
internal enum HostOs
{
    Linux,
    Windows,
    MacOS,
}

/// <summary>
/// The port guard's message: every taken port with each listener's address, process id, name and command line,
/// and the command that stops it on this OS.
/// </summary>
internal static class PortGuardMessage
{
    private const int MaxCommandLineLength = 400;

    public static HostOs CurrentOs =>
        OperatingSystem.IsWindows() ? HostOs.Windows : OperatingSystem.IsMacOS() ? HostOs.MacOS : HostOs.Linux;

    public static string Format(IReadOnlyList<PinnedPort> pins, IReadOnlyList<PortListener> listeners, HostOs os)
    {
        var text = new StringBuilder();
        var taken = listeners.Select(l => l.Port).Distinct().Order().ToList();
        text.AppendLine(taken.Count == 1
            ? $"Ziggie did not start: another process listens on port {taken[0]}, which Ziggie pins."
            : $"Ziggie did not start: other processes listen on ports {string.Join(", ", taken)}, which Ziggie pins.");

        foreach (var port in taken)
        {
            var purposes = pins.Where(p => p.Port == port).Select(p => p.Purpose).Distinct();
            text.AppendLine().AppendLine($"Port {port} ({string.Join("; ", purposes)}):");
            foreach (var listener in listeners.Where(l => l.Port == port))
            {
                AppendListener(text, listener, os);
            }
        }

        var pids = listeners.Select(l => l.ProcessId).OfType<int>().Distinct().Order().ToList();
        text.AppendLine()
            .AppendLine("Nothing was started: a process left over on these ports would answer in place of Ziggie.")
            .AppendLine(pids.Count switch
            {
                0 => "Find the owner with the command above and stop it,",
                1 => "Stop it with the command above,",
                _ => $"Stop them all with: {StopCommand(pids, os)}",
            })
            .AppendLine("or give Ziggie other ports: Ziggie:Ports:Backend and Ziggie:Ports:Frontend (0 lets Aspire choose a free one),")
            .AppendLine("the dashboard's in Ziggie.AppHost/Properties/launchSettings.json. Then start again:")
            .Append("    dotnet run --project Ziggie.AppHost");
        return text.ToString();
    }

    private static void AppendListener(StringBuilder text, PortListener listener, HostOs os)
    {
        if (listener.ProcessId is not { } pid)
        {
            text.AppendLine($"  {listener.Endpoint}  owner unknown: this user cannot see which process holds it")
                .AppendLine($"    find it:      {FindCommand(listener.Port, os)}");
            return;
        }

        text.AppendLine($"  {listener.Endpoint}  PID {pid}  {listener.ProcessName ?? "(name unreadable)"}")
            .AppendLine($"    command line: {Shorten(listener.CommandLine) ?? "(unreadable)"}")
            .AppendLine($"    stop it:      {StopCommand([pid], os)}");
        if (Hint(listener) is { } hint)
        {
            text.AppendLine($"    note:         {hint}");
        }
    }

    public static string StopCommand(IReadOnlyList<int> pids, HostOs os) => os == HostOs.Windows
        ? $"Stop-Process -Id {string.Join(',', pids)}   (cmd: taskkill /F {string.Join(' ', pids.Select(p => $"/PID {p}"))})"
        : $"kill {string.Join(' ', pids)}";

    private static string FindCommand(int port, HostOs os) => os switch
    {
        HostOs.Windows => $"netstat -abno | findstr :{port}   (as Administrator)",
        HostOs.MacOS => $"sudo lsof -nP -iTCP:{port} -sTCP:LISTEN",
        _ => $"sudo ss -ltnp 'sport = :{port}'",
    };

    // Two owners where killing the process is the wrong fix.
    private static string? Hint(PortListener listener) => listener.ProcessName switch
    {
        "dcp" => "that is the orchestrator of another Aspire AppHost: stop that AppHost (Ctrl+C where it runs).",
        { } name when name.Contains("docker", StringComparison.OrdinalIgnoreCase) =>
            $"a container publishes this port: docker ps --filter publish={listener.Port}, then docker stop <container>.",
        _ => null,
    };

    private static string? Shorten(string? commandLine) =>
        commandLine is { Length: > MaxCommandLineLength } ? commandLine[..MaxCommandLineLength] + "…" : commandLine;
}
