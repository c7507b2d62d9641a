using System.Diagnostics;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Deployment;

/// <summary>
/// Whichever compose command this machine has: the Compose v2 plugin (<c>docker compose</c>) or the standalone
/// <c>docker-compose</c>. CI has no container runtime, and may have neither.
/// </summary>
public sealed record ComposeTool(string FileName, string[] Prefix)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly ComposeTool[] Candidates = [new("docker", ["compose"]), new("docker-compose", [])];

    public static async Task<ComposeTool?> FindAsync()
    {
        foreach (var candidate in Candidates)
        {
            if (await candidate.RunAsync(Directory.GetCurrentDirectory(), ["version"]) is (0, _)) return candidate;
        }

        return null;
    }

    public override string ToString() => string.Join(' ', [FileName, .. Prefix]);

    /// <summary>The standalone docker-compose 1.x, past its end of life, which Debian still ships.</summary>
    public bool IsVersion1 => FileName == "docker-compose";

    /// <summary>
    /// <c>config</c> on the compose file in <paramref name="folder"/>. docker-compose 1.x rejects the top-level
    /// <c>name</c> (a Compose v2 key, which docs/deployment.md asks for); for it alone a copy without that one line is
    /// checked, with the same project name given as <c>-p</c>, so everything else in the file is still read.
    /// </summary>
    public async Task<(int ExitCode, string Output)> ConfigAsync(string folder, params string[] arguments)
    {
        if (!IsVersion1) return await RunAsync(folder, [.. arguments, "config"]);

        var copy = Path.Combine(folder, "docker-compose.v1.yaml");
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "docker-compose.yaml"));
        var name = lines.Single(l => l.StartsWith("name: ", StringComparison.Ordinal))["name: ".Length..];
        await File.WriteAllLinesAsync(copy, lines.Where(l => !l.StartsWith("name: ", StringComparison.Ordinal)));
        try
        {
            return await RunAsync(folder, ["-f", copy, "-p", name, .. arguments, "config"]);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <returns>The exit code and the output, or (-1, why) when the command does not exist.</returns>
    public async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string[] arguments)
    {
        string? why = null;
        var result = await ChildProcess.TryRunAsync(
            new ProcessStartInfo(FileName, [.. Prefix, .. arguments]) { WorkingDirectory = workingDirectory }, Timeout, reason => why = reason);
        return result ?? (-1, why!);
    }
}
