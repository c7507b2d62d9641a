namespace Ziggie.Tests.Deployment;

/// <summary>The exported file, read by a real compose tool when this machine has one.</summary>
public class ComposeToolTests
{
    [Fact]
    public async Task Compose_config_accepts_the_export_with_the_dashboard_profile()
    {
        var tool = await ComposeTool.FindAsync();
        if (tool is null)
        {
            Assert.Skip(
                "No compose tool on PATH: neither `docker compose` (the Compose v2 plugin) nor `docker-compose` answered `version`. " +
            "The YAML of the export is still checked by ComposeExportTests; install either tool to run this check.");
        }

        using var export = await ExportedCompose.ExportAsync();

        var (exitCode, output) = await tool.RunAsync(export.Folder.FullName, ["--env-file", ".env", "--profile", "dashboard", "config"]);

        Assert.True(exitCode == 0, $"`{tool} config` rejected the export:\n{output}");
        Assert.Contains("ziggie-mongodb-data", output);
    }
}
