using System.Net.Http.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

public class SecretsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_secret_reaches_the_logs()
    {
        const string mongoPassword = "mongo-pass-9f3c1a";
        await using var ziggie = await TestBackend.StartAsync(
            ("ConnectionStrings:ziggiedb", $"mongodb://admin:{mongoPassword}@127.0.0.1:1/ziggie?authSource=admin"),
            ("Logging:LogLevel:Default", "Trace"),
            ("Logging:LogLevel:Ziggie.Backend.Data", "Trace"),
            ("Logging:LogLevel:Ziggie.Backend.Auth.AdminBootstrap", "Trace"));
        await ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = TestBackend.AdminPassword }, Cancel);
        await ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "a-wrong-guess" }, Cancel);
        await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        await ziggie.Anonymous.GetAsync("/health", Cancel);

        var logs = string.Join('\n', ziggie.Logs.Lines);

        Assert.Contains("127.0.0.1:1", logs); // the start-up report names the MongoDB host...
        Assert.DoesNotContain(mongoPassword, logs); // ...and never its password
        Assert.DoesNotContain(TestBackend.AdminPassword, logs);
        Assert.DoesNotContain("a-wrong-guess", logs);
        Assert.DoesNotContain(TestBackend.SigningKey, logs);
    }

    [Fact]
    public async Task The_health_report_names_mongodb_hosts_without_credentials()
    {
        const string mongoPassword = "mongo-pass-9f3c1a";
        await using var ziggie = await TestBackend.StartAsync(("ConnectionStrings:ziggiedb", $"mongodb://admin:{mongoPassword}@127.0.0.1:1/ziggie"));

        var health = await ziggie.Anonymous.GetStringAsync("/health", Cancel);

        Assert.Contains("127.0.0.1:1", health);
        Assert.DoesNotContain(mongoPassword, health);
        Assert.DoesNotContain("admin:", health);
    }

    [Fact]
    public async Task Credentials_in_the_ollama_address_are_never_shown()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var withCredentials = new UriBuilder(ziggie.Ollama.BaseAddress) { UserName = "ollama", Password = "ollama-pass-77" }.Uri;
        await using var shown = await TestBackend.StartAsync(
            ("ConnectionStrings:ollama", $"Endpoint={withCredentials}"),
            ("Logging:LogLevel:Ziggie.Backend.Orchestration", "Information"));

        var pages = new[]
        {
            await shown.Anonymous.GetStringAsync("/api/llm/status", Cancel),
            await shown.Anonymous.GetStringAsync("/api/llm", Cancel),
            await shown.Client.GetStringAsync("/api/services", Cancel),
            string.Join('\n', shown.Logs.Lines),
        };

        Assert.All(pages, page => Assert.DoesNotContain("ollama-pass-77", page));
        Assert.Contains(ziggie.Ollama.BaseAddress.ToString(), pages[0]);
    }
}
