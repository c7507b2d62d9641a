namespace Ziggie.Tests.Deployment;

/// <summary>The exported file, read by a real compose tool when this machine has one.</summary>
public class ComposeToolTests
{
    private static async Task<ComposeTool> RequireToolAsync()
    {
        var tool = await ComposeTool.FindAsync();
        if (tool is null)
        {
            Assert.Skip(
                "No compose tool on PATH: neither `docker compose` (the Compose v2 plugin) nor `docker-compose` answered `version`. " +
                "The YAML of the export is still checked by ComposeExportTests; install either tool to run this check.");
        }

        return tool;
    }

    [Fact]
    public async Task Compose_config_accepts_the_export_with_the_dashboard_profile()
    {
        var tool = await RequireToolAsync();
        using var export = await ExportedCompose.ExportAsync();

        var (exitCode, output) = await tool.ConfigAsync(export.Folder.FullName, "--env-file", ".env", "--profile", "dashboard");

        Assert.True(exitCode == 0, $"`{tool} config` rejected the export:\n{output}");
        Assert.Contains("ziggie-mongodb-data", output);
    }

    [Fact]
    public async Task Without_the_env_file_compose_refuses_the_export_and_names_the_missing_variable()
    {
        var tool = await RequireToolAsync();
        using var export = await ExportedCompose.ExportAsync();
        // Compose also reads .env from the project folder by itself: without it, nothing sets the secrets.
        File.Delete(export.EnvPath);

        var (exitCode, output) = await tool.ConfigAsync(export.Folder.FullName);

        Assert.True(exitCode != 0, $"`{tool} config` accepted the export without .env:\n{output}");
        Assert.Matches("(ADMIN_PASSWORD|JWT_SIGNING_KEY|MONGODB_PASSWORD) is not set", output);
    }
}
