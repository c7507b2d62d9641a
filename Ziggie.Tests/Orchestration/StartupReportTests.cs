using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ziggie.Backend.Orchestration;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Orchestration;

/// <summary>The one log line at start that says which backend this is and what it talks to.</summary>
public class StartupReportTests
{
    const string Password = "Sup3r-Secret-Pw";

    [Fact]
    public async Task Backend_logs_once_at_start_its_instance_the_ollama_url_and_the_mongodb_host_but_never_the_password()
    {
        var logs = new LogCapture();
        await using var ziggie = await TestBackend.StartAsync(
            web => web.ConfigureLogging(logging => logging.AddProvider(logs)),
            ("ConnectionStrings:ziggiedb", $"mongodb://ziggie:{Password}@127.0.0.1:1/ziggie?authSource=admin"),
            ("Logging:LogLevel:Ziggie.Backend.Orchestration", "Information"));

        Assert.DoesNotContain(logs.Messages, m => m.Contains(Password));
        var instance = ziggie.Services.GetRequiredService<InstanceIdentity>().Id;
        var report = Assert.Single(logs.Messages, m => m.Contains(instance));
        Assert.Contains($"Ollama at {ziggie.Ollama.BaseAddress}", report);
        Assert.Contains("MongoDB at 127.0.0.1:1", report);
    }
}
