using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Ziggie.Backend.SystemInfo;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.SystemInfo;

public class DiskMeterTests
{
    // Other programs write to the disk between the two readings; a few hundred MB is far below any real disagreement.
    private const long Slack = 512L * 1024 * 1024;

    [Fact]
    public async Task The_disk_figures_are_the_ones_df_shows_for_the_same_mount()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "df's output format is checked on Linux only.");
        var root = AppContext.BaseDirectory;

        var disk = new DiskMeter(new Host(root)).Read();
        var df = await DfAsync(root);

        Assert.Equal(df.Mount, disk.Path.TrimEnd('/') is "" ? "/" : disk.Path.TrimEnd('/'));
        Assert.Equal(df.Size, disk.Total);
        Assert.InRange(disk.Used, df.Used - Slack, df.Used + Slack);
        Assert.InRange(disk.Free, df.Avail - Slack, df.Avail + Slack);
        // df rounds its percent up to a whole number.
        Assert.InRange(disk.Percent, df.Percent - 1.5, df.Percent + 0.5);
    }

    private static async Task<(string Mount, long Size, long Used, long Avail, double Percent)> DfAsync(string path)
    {
        var start = new ProcessStartInfo("df", ["-B1", "--output=target,size,used,avail,pcent", path]);
        var result = await ChildProcess.TryRunAsync(start, TimeSpan.FromSeconds(30));
        Assert.SkipWhen(result is null, "df is not installed.");
        Assert.Equal(0, result!.Value.ExitCode);
        var row = result.Value.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (row[0], long.Parse(row[1]), long.Parse(row[2]), long.Parse(row[3]), double.Parse(row[4].TrimEnd('%')));
    }

    private sealed class Host(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Ziggie.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
