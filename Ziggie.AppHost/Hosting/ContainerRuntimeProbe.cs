using System.ComponentModel;
using System.Diagnostics;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Asks the container runtime what DCP asks it before it starts containers: <c>{runtime} info</c>, which fails at
/// once when the client is there and the daemon (or Podman machine) is not.
/// </summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <returns>Null when the runtime answers, else why not (one line).</returns>
    public static async Task<string?> ProbeAsync(string runtime, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(runtime, ["info"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            return $"'{runtime}' is not installed or not on PATH ({ex.Message})";
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                return $"`{runtime} info` did not answer within {Timeout.TotalSeconds:0} s";
            }

            await stdout;
            var error = (await stderr).Trim();
            if (process.ExitCode == 0) return null;

            var firstLine = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return $"`{runtime} info` failed with exit code {process.ExitCode}{(firstLine is null ? "" : $": {firstLine}")}";
        }
    }
}
