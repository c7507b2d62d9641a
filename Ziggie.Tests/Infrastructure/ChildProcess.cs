using System.ComponentModel;
using System.Diagnostics;

namespace Ziggie.Tests.Infrastructure;

/// <summary>Runs a program to its end (killed, with its children, past the time limit) and returns its exit code and output.</summary>
public static class ChildProcess
{
    /// <returns>The exit code and stderr followed by stdout; null when the program does not exist, with why.</returns>
    public static async Task<(int ExitCode, string Output)?> TryRunAsync(ProcessStartInfo start, TimeSpan timeout, Action<string>? missing = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            missing?.Invoke(ex.Message);
            return null;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }

            return (process.ExitCode, await stderr + await stdout);
        }
    }
}
