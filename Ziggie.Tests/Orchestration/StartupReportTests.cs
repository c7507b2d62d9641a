using Microsoft.Extensions.DependencyInjection;
using Ziggie.Backend.Orchestration;
using Ziggie.Tests.Infrastructure;
using Ziggie.Tests.Ollama;

namespace Ziggie.Tests.Orchestration;

/// <summary>The one log line at start that says which backend this is and what it talks to.</summary>
public class StartupReportTests
{
    private const string Password = "Sup3r-Secret-Pw";

    [Fact]
    public async Task Backend_logs_once_at_start_its_instance_the_ollama_url_and_the_mongodb_host_but_never_the_password()
    {
        await using var ziggie = await TestBackend.StartAsync(
            ("ConnectionStrings:ziggiedb", $"mongodb://ziggie:{Password}@127.0.0.1:1/ziggie?authSource=admin"),
            ("Logging:LogLevel:Ziggie.Backend.Orchestration", "Information"));

        var lines = ziggie.Logs.Lines;
        Assert.DoesNotContain(lines, m => m.Contains(Password));
        var instance = ziggie.Services.GetRequiredService<InstanceIdentity>().Id;
        var report = Assert.Single(lines, m => m.Contains(instance));
        Assert.Contains($"Ollama at {ziggie.Ollama.BaseAddress}", report);
        Assert.Contains("MongoDB at 127.0.0.1:1", report);
    }

    [Fact]
    public async Task With_several_nodes_the_start_line_names_every_node_and_its_url()
    {
        await using var nodes = await SeveralNodes.StartAsync(2, ("Logging:LogLevel:Ziggie.Backend.Orchestration", "Information"));

        var instance = nodes.Backend.Services.GetRequiredService<InstanceIdentity>().Id;
        var report = Assert.Single(nodes.Backend.Logs.Lines, m => m.Contains(instance));
        Assert.Contains($"Ollama at ollama {nodes.Nodes[0].BaseAddress}, ollama-1 {nodes.Nodes[1].BaseAddress} and MongoDB", report);
    }
}
