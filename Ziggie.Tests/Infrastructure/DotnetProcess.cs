using System.Diagnostics;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// Runs a built project's dll the way a person would, with a clean Ziggie environment and temporary user stores
/// (<see cref="DeveloperStores"/>).
/// </summary>
public static class DotnetProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string dll, IEnumerable<string> arguments, IEnumerable<(string Name, string Value)> environment, TimeSpan timeout) =>
        await ChildProcess.TryRunAsync(StartInfo(dll, arguments, environment), timeout) ?? throw new InvalidOperationException("dotnet is not on PATH");

    /// <summary>How to start the dll: no Ziggie or connection-string settings from the test's own environment.</summary>
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> arguments, IEnumerable<(string Name, string Value)> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Ziggie", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        // APPDATA, ASPIRE_HOME and HOME come from this process, where DeveloperStores points them at temporary folders.
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
