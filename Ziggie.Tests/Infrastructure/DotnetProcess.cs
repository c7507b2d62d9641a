using System.Diagnostics;

namespace Ziggie.Tests.Infrastructure;

/// <summary>Runs a built project's dll the way a person would, with a clean Ziggie environment.</summary>
public static class DotnetProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string dll, IEnumerable<string> arguments, IEnumerable<(string Name, string Value)> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Ziggie", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.TryRunAsync(start, timeout) ?? throw new InvalidOperationException("dotnet is not on PATH");
    }
}
