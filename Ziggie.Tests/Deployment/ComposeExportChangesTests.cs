namespace Ziggie.Tests.Deployment;

/// <summary>The export follows the AppHost's configuration, and repeated exports keep the secrets in use.</summary>
public class ComposeExportChangesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ollama_reserves_the_NVIDIA_GPUs_when_Ziggie_Ollama_Gpu_asks_for_them()
    {
        using var export = await ExportedCompose.ExportAsync("Ziggie:Ollama:Gpu=nvidia");
        var compose = await export.ReadComposeAsync();

        var device = Assert.IsType<Dictionary<object, object>>(Assert.Single(
            Assert.IsType<List<object>>(compose.Service("ollama").Map("deploy").Map("resources").Map("reservations")["devices"])));
        Assert.Equal("nvidia", device.Text("driver"));
        Assert.Equal("all", device.Text("count"));
        Assert.Equal(["gpu"], device.Strings("capabilities"));
        Assert.False(compose.Service("backend").ContainsKey("deploy"));
    }

    [Fact]
    public async Task Backend_host_port_follows_the_AppHost_setting()
    {
        using var export = await ExportedCompose.ExportAsync("Ziggie:Ports:Backend=27080");

        Assert.Equal(["27080:8080"], (await export.ReadComposeAsync()).Service("backend").Strings("ports"));
    }

    [Fact]
    public async Task Exporting_in_existing_services_mode_warns_that_containers_cannot_reach_the_hosts_loopback()
    {
        using var export = await ExportedCompose.ExportAsync("Ziggie:Ollama:Url=http://127.0.0.1:11434");

        var compose = await export.ReadComposeAsync();
        Assert.False(compose.Map("services").ContainsKey("ollama"));
        Assert.Equal("Endpoint=http://127.0.0.1:11434", compose.Service("backend").Map("environment").Text("ConnectionStrings__ollama"));
        Assert.Contains("backend: ConnectionStrings__ollama points at a loopback address", export.Log);
    }

    [Fact]
    public async Task Env_file_is_created_once_and_kept_on_the_next_export()
    {
        using var export = await ExportedCompose.ExportAsync();
        var first = await File.ReadAllTextAsync(export.EnvPath, Cancel);
        Assert.Matches(@"(?m)^MONGODB_PASSWORD='[A-Za-z0-9]{22,}'$", first);

        await export.ExportAgainAsync();

        Assert.Equal(first, await File.ReadAllTextAsync(export.EnvPath, Cancel));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(export.EnvPath));
        }
    }

    [Fact]
    public async Task An_existing_env_file_keeps_its_values_and_only_gains_the_variables_it_lacks()
    {
        using var export = await ExportedCompose.ExportAsync();
        const string Mine = "# my settings\nCOMPOSE_PROJECT_NAME=ziggie-test";
        await File.WriteAllTextAsync(export.EnvPath, Mine, Cancel);

        await export.ExportAgainAsync();
        var grown = await File.ReadAllTextAsync(export.EnvPath, Cancel);
        Assert.StartsWith(Mine + "\n", grown);
        Assert.Matches(@"(?m)^MONGODB_PASSWORD='[A-Za-z0-9]{22,}'$", grown);

        await export.ExportAgainAsync();
        Assert.Equal(grown, await File.ReadAllTextAsync(export.EnvPath, Cancel));
    }
}
