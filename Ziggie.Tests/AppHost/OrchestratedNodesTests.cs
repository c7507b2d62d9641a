using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// Two existing Ollama nodes (<c>Ziggie:Ollama:Url</c> and <c>Ziggie:Ollama:Nodes:1</c>) in the real AppHost: both are
/// resources with their health, the backend it starts receives both, and a model only the second has is answered there.
/// </summary>
[Collection(SharedAppHostCollection.Name)]
public class OrchestratedNodesTests(SharedAppHost host)
{
    private static readonly TimeSpan Timeout = SharedAppHost.Timeout;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_nodes_are_healthy_resources_and_the_backend_routes_a_model_only_the_second_has_to_it()
    {
        await host.App.ResourceNotifications.WaitForResourceHealthyAsync("ollama", Cancel).WaitAsync(Timeout, Cancel);
        await host.App.ResourceNotifications.WaitForResourceHealthyAsync("ollama-1", Cancel).WaitAsync(Timeout, Cancel);
        var model = $"nodes-{Guid.NewGuid():N}"[..16] + ":1b";
        host.SecondNode.AddModel(model);

        using var http = host.App.CreateHttpClient("backend");
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Create(AppHostArguments.SigningKey, DateTime.UtcNow.AddHours(1)));
        var status = await http.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel).WaitAsync(Timeout, Cancel);
        using var answer = await http.PostAsJsonAsync("/api/llm/generate", new { model, prompt = "Which node are you?" }, Cancel).WaitAsync(Timeout, Cancel);

        var nodes = status.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(
            [("ollama", host.Ollama.BaseAddress.ToString()), ("ollama-1", host.SecondNode.BaseAddress.ToString())],
            nodes.Select(n => (n.GetProperty("name").GetString(), n.GetProperty("url").GetString())));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("ollama-1", answer.Headers.GetValues("X-Ziggie-Ollama").Single());
        Assert.Contains(host.SecondNode.Requests, r => r.Path == "/api/generate");
    }
}
