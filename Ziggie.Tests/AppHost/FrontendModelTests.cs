extern alias AppHost;
using AppHost::Ziggie.AppHost.Hosting;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

/// <summary>The front end in the AppHost's model, built but never started (no npm runs here).</summary>
public class FrontendModelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_frontend_runs_npm_run_dev_on_host_port_3001_and_references_and_waits_for_the_backend()
    {
        await using var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<AppHost::Projects.Ziggie_AppHost>(Cancel).WaitAsync(Timeout, Cancel);

        var frontend = Assert.Single(builder.Resources.OfType<ViteAppResource>());
        Assert.Equal("frontend", frontend.Name);
        Assert.Equal(ViteAppResource.NpmCommand, frontend.Command);
        Assert.Equal(Path.Combine(Infrastructure.RepositoryPaths.Root, "Ziggie.Frontend"), frontend.WorkingDirectory);
        Assert.Equal(["run", "dev"], await ArgumentsAsync(frontend));

        var http = frontend.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        Assert.Equal(3001, http.Port);
        Assert.True(http.IsExternal);

        Assert.Contains(frontend.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Type == "Reference" && r.Resource.Name == "backend");
        Assert.Contains(frontend.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "backend");
        Assert.NotEmpty(frontend.Annotations.OfType<HealthCheckAnnotation>());
    }

    [Fact]
    public async Task Ziggie_Ports_Frontend_0_leaves_the_frontend_port_to_aspire()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            ["Ziggie:Ports:Frontend=0"], Cancel).WaitAsync(Timeout, Cancel);

        var frontend = Assert.Single(builder.Resources.OfType<ViteAppResource>());
        Assert.Null(frontend.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port);
    }

    [Fact]
    public async Task Npm_ci_runs_first_only_when_node_modules_is_missing_or_older_than_the_lock_file()
    {
        var app = Directory.CreateTempSubdirectory("ziggie-vite-");
        try
        {
            var lockFile = Path.Combine(app.FullName, "package-lock.json");
            await File.WriteAllTextAsync(lockFile, "{}", Cancel);
            Assert.Equal(["web-npm-ci"], await InstallersAsync(app.FullName));

            var installed = Path.Combine(app.FullName, "node_modules", ".package-lock.json");
            Directory.CreateDirectory(Path.GetDirectoryName(installed)!);
            await File.WriteAllTextAsync(installed, "{}", Cancel);
            File.SetLastWriteTimeUtc(installed, File.GetLastWriteTimeUtc(lockFile).AddMinutes(1));
            Assert.Empty(await InstallersAsync(app.FullName));

            File.SetLastWriteTimeUtc(lockFile, File.GetLastWriteTimeUtc(installed).AddMinutes(1));
            Assert.Equal(["web-npm-ci"], await InstallersAsync(app.FullName));
        }
        finally
        {
            app.Delete(recursive: true);
        }
    }

    private static async Task<string[]> InstallersAsync(string directory)
    {
        await using var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<AppHost::Projects.Ziggie_AppHost>(Cancel).WaitAsync(Timeout, Cancel);
        var web = builder.AddViteApp("web", directory).WithNpmPackageInstallation();

        var installers = builder.Resources.OfType<ExecutableResource>().Where(r => r.Name.StartsWith("web-", StringComparison.Ordinal)).ToArray();
        foreach (var installer in installers)
        {
            Assert.Equal(["ci", "--no-audit", "--no-fund"], await ArgumentsAsync(installer));
            Assert.Contains(web.Resource.Annotations.OfType<WaitAnnotation>(), w => w.Resource == installer && w.WaitType == WaitType.WaitForCompletion);
        }

        return installers.Select(r => r.Name).ToArray();
    }

    private static async Task<string[]> ArgumentsAsync(IResourceWithArgs resource)
    {
        var context = new CommandLineArgsCallbackContext([], cancellationToken: Cancel);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.Args.Select(a => a.ToString()!).ToArray();
    }
}
