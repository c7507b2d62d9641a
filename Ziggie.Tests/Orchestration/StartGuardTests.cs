using System.Diagnostics;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Orchestration;

/// <summary>The built backend, started by hand the way the stray copies of the old incident were.</summary>
public class StartGuardTests
{
    [Fact]
    public async Task Backend_without_configuration_exits_nonzero_naming_the_keys_and_the_AppHost()
    {
        var (exitCode, output) = await RunBackendAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:ziggiedb", output);
        Assert.Contains("ConnectionStrings:ollama", output);
        Assert.Contains("dotnet run --project Ziggie.AppHost", output);
    }

    [Fact]
    public async Task Backend_with_only_one_connection_string_names_the_missing_one()
    {
        var (exitCode, output) = await RunBackendAsync(("ConnectionStrings__ziggiedb", "mongodb://127.0.0.1:1/ziggie"));

        Assert.Equal(1, exitCode);
        Assert.Contains("missing configuration ConnectionStrings:ollama.", output);
        Assert.DoesNotContain("ConnectionStrings:ziggiedb", output);
    }

    [Fact]
    public async Task Backend_with_an_ollama_address_that_is_not_a_url_refuses_to_start()
    {
        var (exitCode, output) = await RunBackendAsync(
            ("ConnectionStrings__ziggiedb", "mongodb://127.0.0.1:1/ziggie"),
            ("ConnectionStrings__ollama", "Endpoint=ollama"));

        Assert.Equal(1, exitCode);
        Assert.Contains("invalid configuration", output);
        Assert.Contains("Endpoint=http://host:port", output);
    }

    [Fact]
    public async Task Backend_with_a_mongodb_uri_without_database_refuses_to_start()
    {
        var (exitCode, output) = await RunBackendAsync(
            ("ConnectionStrings__ziggiedb", "mongodb://127.0.0.1:1"),
            ("ConnectionStrings__ollama", "Endpoint=http://127.0.0.1:1"));

        Assert.Equal(1, exitCode);
        Assert.Contains("names no database", output);
    }

    static async Task<(int ExitCode, string Output)> RunBackendAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryPaths.BackendDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.BackendDll)!,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Ziggie", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // The issue asks for "within 10 s"; a started server would never exit by itself.
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, await stderr + await stdout);
    }
}
