using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// The real AppHost, started through DCP in existing-services mode (no container runtime here):
/// the backend runs as its own process and learns its dependencies only from the AppHost.
/// </summary>
[Collection(SharedAppHostCollection.Name)]
public class OrchestratedBackendTests(SharedAppHost host)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backend_started_by_the_AppHost_reaches_ollama_through_the_injected_connection_string()
    {
        await host.App.ResourceNotifications.WaitForResourceHealthyAsync("ollama", Cancel).WaitAsync(SharedAppHost.Timeout, Cancel);

        using var http = host.App.CreateHttpClient("backend");
        var response = await http.GetAsync("/api/llm/status", Cancel).WaitAsync(SharedAppHost.Timeout, Cancel);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel).WaitAsync(SharedAppHost.Timeout, Cancel);

        Assert.Equal("online", status.GetProperty("status").GetString());
        Assert.Equal(host.Ollama.Version, status.GetProperty("version").GetProperty("version").GetString());
        Assert.Equal(host.Ollama.BaseAddress.ToString(), status.GetProperty("url").GetString());
        var instance = status.GetProperty("instance");
        Assert.NotEqual(Environment.ProcessId, instance.GetProperty("pid").GetInt32());
        Assert.Equal(instance.GetProperty("id").GetString(), response.Headers.GetValues("X-Ziggie-Instance").Single());
        Assert.Contains(host.Ollama.Requests, r => r.Path == "/api/version");
    }
}
