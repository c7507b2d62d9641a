using System.Diagnostics;
using Ziggie.Tests.Infrastructure;

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
        string? why = null;
        var result = await ChildProcess.TryRunAsync(
            new ProcessStartInfo(FileName, [.. Prefix, .. arguments]) { WorkingDirectory = workingDirectory }, Timeout, reason => why = reason);
        return result ?? (-1, why!);
    }
}
