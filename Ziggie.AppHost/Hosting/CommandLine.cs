using System.ComponentModel;
using System.Diagnostics;

namespace Ziggie.AppHost.Hosting;

/// <summary>Command lines of other processes: shown to people, and run to read the OS's listener tables.</summary>
internal static class CommandLine
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Joins arguments the way a person would type them, quoting those with spaces.</summary>
    public static string? Join(IReadOnlyCollection<string> arguments) =>
        arguments.Count == 0 ? null : string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));

    /// <summary>Runs a tool and returns what it printed, or <see langword="null"/> when it is missing, fails to start or hangs.</summary>
    public static async Task<string?> OutputOfAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        Process? process;
        try
        {
            process = Process.Start(new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
        }
        catch (Win32Exception)
        {
            return null;
        }

        if (process is null) return null;
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
                await errors;
                return await output;
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
        }
    }
}
