extern alias AppHost;

using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// The real AppHost, started through DCP in existing-services mode (no container runtime here):
/// the backend runs as its own process and learns its dependencies only from the AppHost.
/// </summary>
public class OrchestratedBackendTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backend_started_by_the_AppHost_reaches_ollama_through_the_injected_connection_string()
    {
        await using var ollama = await FakeOllama.StartAsync(Cancel);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            [
                "ConnectionStrings:ziggiedb=mongodb://127.0.0.1:1/ziggie",
                $"Ziggie:Ollama:Url={ollama.BaseAddress}",
                "Ziggie:Ports:Backend=0",
            ],
            Cancel).WaitAsync(Timeout, Cancel);
        await using var app = await builder.WithoutFrontend().BuildAsync(Cancel).WaitAsync(Timeout, Cancel);
        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("ollama", Cancel).WaitAsync(Timeout, Cancel);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("backend", Cancel).WaitAsync(Timeout, Cancel);

        using var http = app.CreateHttpClient("backend");
        var response = await http.GetAsync("/api/llm/status", Cancel);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal("online", status.GetProperty("status").GetString());
        Assert.Equal(ollama.Version, status.GetProperty("version").GetProperty("version").GetString());
        Assert.Equal(ollama.BaseAddress.ToString(), status.GetProperty("url").GetString());
        var instance = status.GetProperty("instance");
        Assert.NotEqual(Environment.ProcessId, instance.GetProperty("pid").GetInt32());
        Assert.Equal(instance.GetProperty("id").GetString(), response.Headers.GetValues("X-Ziggie-Instance").Single());
        Assert.Contains(ollama.Requests, r => r.Path == "/api/version");
    }
}
