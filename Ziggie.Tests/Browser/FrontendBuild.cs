using System.Diagnostics;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Browser;

/// <summary>
/// The built front end (<c>Ziggie.Frontend/dist</c>). .ci/run builds it before the tests; a plain
/// <c>dotnet test</c> on a fresh clone, or after a change to the front end, builds it here, once per run.
/// </summary>
public static class FrontendBuild
{
    private static readonly Lazy<Task<string>> Built = new(BuildIfStaleAsync);
    private static readonly Lazy<Task> Installed = new(InstallIfStaleAsync);

    public static string ProjectDirectory => Path.Combine(RepositoryPaths.Root, "Ziggie.Frontend");

    /// <summary>The dist folder, built from the current sources.</summary>
    public static Task<string> EnsureBuiltAsync() => Built.Value;

    /// <summary>node_modules from the lock file, without building (the API-types check must run before a build can pass).</summary>
    public static Task EnsurePackagesAsync() => Installed.Value;

    private static async Task InstallIfStaleAsync()
    {
        var lockFile = Path.Combine(ProjectDirectory, "package-lock.json");
        var modules = Path.Combine(ProjectDirectory, "node_modules", ".package-lock.json");
        if (!File.Exists(modules) || File.GetLastWriteTimeUtc(modules) < File.GetLastWriteTimeUtc(lockFile))
        {
            await NpmAsync(ProjectDirectory, "ci", TimeSpan.FromMinutes(8));
        }
    }

    private static async Task<string> BuildIfStaleAsync()
    {
        var project = ProjectDirectory;
        var dist = Path.Combine(project, "dist");
        await EnsurePackagesAsync();

        var index = Path.Combine(dist, "index.html");
        if (!File.Exists(index) || File.GetLastWriteTimeUtc(index) < NewestSource(project))
        {
            await NpmAsync(project, "run build", TimeSpan.FromMinutes(5));
        }

        return dist;
    }

    private static DateTime NewestSource(string project) =>
        Directory.EnumerateFiles(Path.Combine(project, "src"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(project, "public")))
            .Append(Path.Combine(project, "index.html"))
            .Append(Path.Combine(project, "vite.config.ts"))
            .Append(Path.Combine(project, "tsconfig.json"))
            .Append(Path.Combine(project, "package-lock.json"))
            .Max(File.GetLastWriteTimeUtc);

    private static async Task NpmAsync(string directory, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", arguments) { WorkingDirectory = directory };
        var result = await ChildProcess.TryRunAsync(start, timeout, reason => throw new InvalidOperationException(
            $"The browser tests need the built front end, and building it needs npm, which was not found ({reason}). " +
            "Install Node.js 20.19 or later, or run `bash .ci/run`, which installs and builds everything the tests need."));
        if (result is { ExitCode: not 0 } failed)
        {
            throw new InvalidOperationException(
                $"`npm {arguments}` in {directory} failed with exit code {failed.ExitCode}; run `bash .ci/run` or fix the front end.\n{failed.Output}");
        }
    }
}
