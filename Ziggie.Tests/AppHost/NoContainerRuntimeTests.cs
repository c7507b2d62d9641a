using System.Diagnostics;
using Ziggie.Tests.Browser;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// The AppHost run as a person runs it, in container mode, on a machine whose container runtime does not answer
/// (here: the docker client and no daemon): what the console says, and how Ctrl+C ends it.
/// </summary>
public class NoContainerRuntimeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Without_docker_the_AppHost_names_the_problem_and_both_fixes_and_ctrl_c_exits_quietly()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } configured ? configured : "docker";
        var probe = await ChildProcess.TryRunAsync(new ProcessStartInfo(runtime, ["info"]), Timeout, _ => { });
        Assert.SkipWhen(probe is { ExitCode: 0 }, $"`{runtime} info` answers here: the runtime is available, so there is no dead end to test.");
        // With node_modules current the AppHost runs no npm ci of its own (it would race the browser tests' one).
        await FrontendBuild.EnsureBuiltAsync().WaitAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);

        using var apphost = RunningProcess.Start(DotnetProcess.StartInfo(RepositoryPaths.AppHostDll, [],
        [
            ("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true"),
            ("DOTNET_ENVIRONMENT", "Development"),
            ("ASPNETCORE_URLS", "http://127.0.0.1:0"),
            ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://127.0.0.1:0"),
            ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "http://127.0.0.1:0"),
            ("Ziggie__Ports__Backend", "0"),
            ("Ziggie__Ports__Frontend", "0"),
            ("Parameters__admin-password", AppHostArguments.AdminPassword),
            ("Parameters__jwt-signing-key", AppHostArguments.SigningKey),
            ("Parameters__mongodb-password", "a-mongodb-password-for-the-apphost-tests"),
        ]));

        await apphost.WaitForOutputAsync($"the container runtime '{runtime}' does not answer", Timeout);
        await apphost.WaitForOutputAsync("Login to the dashboard at", Timeout);
        await apphost.InterruptAsync();
        var exitCode = await apphost.WaitForExitAsync(Timeout);

        var output = apphost.Output;
        Assert.Contains("Ziggie runs mongodb and ollama in containers", output);
        Assert.Contains("sudo systemctl start docker", output);
        Assert.Contains("Ziggie__Ollama__Url=http://localhost:11434 ConnectionStrings__ziggiedb=mongodb://localhost:27017/ziggie dotnet run --project Ziggie.AppHost", output);
        Assert.Contains("stopped (Ctrl+C) before every resource had started", output);
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("Hosting failed to start", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output);
    }
}
