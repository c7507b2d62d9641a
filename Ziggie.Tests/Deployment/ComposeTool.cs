using System.ComponentModel;
using System.Diagnostics;

namespace Ziggie.Tests.Deployment;

/// <summary>
/// Whichever compose command this machine has: the Compose v2 plugin (<c>docker compose</c>) or the standalone
/// <c>docker-compose</c>. CI has no container runtime, and may have neither.
/// </summary>
public sealed record ComposeTool(string FileName, string[] Prefix)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    static readonly ComposeTool[] Candidates = [new("docker", ["compose"]), new("docker-compose", [])];

    public static async Task<ComposeTool?> FindAsync()
    {
        foreach (var candidate in Candidates)
        {
            if (await candidate.RunAsync(Directory.GetCurrentDirectory(), ["version"]) is (0, _)) return candidate;
        }

        return null;
    }

    public override string ToString() => string.Join(' ', [FileName, .. Prefix]);

    /// <returns>The exit code and the output, or (-1, why) when the command does not exist.</returns>
    public async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo(FileName, [.. Prefix, .. arguments])
        {
            WorkingDirectory = workingDirectory,
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
            return (-1, ex.Message);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }

            return (process.ExitCode, await stderr + await stdout);
        }
    }
}
