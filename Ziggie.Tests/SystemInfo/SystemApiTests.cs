using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.SystemInfo;

public class SystemApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stats_report_cpu_memory_and_the_disk_that_holds_the_backend()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var stats = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/system/stats", Cancel);

        var cpu = stats.GetProperty("cpu");
        Assert.InRange(cpu.GetProperty("usage").GetDouble(), 0, 100);
        Assert.Equal(Environment.ProcessorCount, cpu.GetProperty("cores").GetInt32());

        var memory = stats.GetProperty("memory");
        var total = memory.GetProperty("total").GetInt64();
        Assert.InRange(memory.GetProperty("used").GetInt64(), 1, total);
        if (OperatingSystem.IsLinux() && memory.GetProperty("source").GetString() == "/proc/meminfo")
        {
            Assert.Equal(MemTotalFromProc(), total);
        }

        var disk = stats.GetProperty("disk");
        var mount = disk.GetProperty("path").GetString()!;
        Assert.StartsWith(mount, Path.GetFullPath(AppContext.BaseDirectory));
        Assert.Equal(new DriveInfo(mount).TotalSize, disk.GetProperty("total").GetInt64());
        Assert.InRange(disk.GetProperty("percent").GetDouble(), 0, 100);
    }

    [Fact]
    public async Task Info_names_the_host_runtime_and_the_answering_instance()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.GetAsync("/api/system/info", Cancel);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(Environment.MachineName, info.GetProperty("hostname").GetString());
        Assert.Equal(Environment.ProcessorCount, info.GetProperty("processor_count").GetInt32());
        Assert.Contains(".NET", info.GetProperty("runtime").GetString());
        Assert.Equal(Environment.ProcessId, info.GetProperty("process").GetProperty("pid").GetInt32());
        Assert.Equal(response.Headers.GetValues("X-Ziggie-Instance").Single(), info.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_refused_outside_the_stats_socket()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var token = ziggie.Client.DefaultRequestHeaders.Authorization!.Parameter;

        var response = await ziggie.Anonymous.GetAsync($"/api/system/stats?access_token={token}", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static long MemTotalFromProc() =>
        long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
}
