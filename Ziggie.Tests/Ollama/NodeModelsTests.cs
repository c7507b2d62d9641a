using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Ollama;

/// <summary>Two fake nodes behind one backend for the whole class; each test works on models of its own.</summary>
public sealed class TwoNodesFixture : IAsyncLifetime
{
    public SeveralNodes Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Cluster = await SeveralNodes.StartAsync(2, ("Ziggie:Llm:ModelListCacheDuration", "00:00:00.001"));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

/// <summary>The model surface over several nodes: one list, pulls and deletes per node or on all, status and services per node.</summary>
public class NodeModelsTests(TwoNodesFixture fixture) : IClassFixture<TwoNodesFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private SeveralNodes Cluster => fixture.Cluster;
    private FakeOllama A => Cluster.Nodes[0];
    private FakeOllama B => Cluster.Nodes[1];

    private static string Unique(string family) => $"{family}-{Guid.NewGuid():N}"[..20] + ":1b";

    [Fact]
    public async Task The_model_list_is_the_union_with_the_nodes_that_hold_each_model()
    {
        var (onlyB, both) = (Unique("onlyb"), Unique("both"));
        B.AddModel(onlyB);
        A.AddModel(both);
        B.AddModel(both);

        var list = await Cluster.Backend.Client.GetFromJsonAsync<JsonElement>("/api/llm/models", Cancel);

        var nodes = list.GetProperty("models").EnumerateArray().ToDictionary(
            m => m.GetProperty("name").GetString()!, m => m.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToArray());
        Assert.Equal(["ollama-1"], nodes[onlyB]);
        Assert.Equal(["ollama", "ollama-1"], nodes[both]);
    }

    [Fact]
    public async Task A_pull_without_a_node_goes_to_every_node_with_progress_per_node_and_one_success_at_the_end()
    {
        var model = Unique("pullall");
        A.AddToLibrary(model, 1_000_000);
        B.AddToLibrary(model, 1_000_000);

        using var response = await Cluster.Backend.Admin.PostStreamingAsync("/api/llm/models/pull", new { model });
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ollama", "ollama-1"], response.Headers.GetValues("X-Ziggie-Ollama"));
        Assert.Contains(lines, l => l.TryGetProperty("node", out var n) && n.GetString() == "ollama" && l.GetProperty("status").GetString() == "pulling manifest");
        Assert.Contains(lines, l => l.TryGetProperty("node", out var n) && n.GetString() == "ollama-1" && l.GetProperty("status").GetString() == "pulling manifest");
        Assert.Single(lines, l => l.GetProperty("status").GetString() == "success");
        Assert.Equal("success", lines[^1].GetProperty("status").GetString());
        Assert.True(A.HasModel(model) && B.HasModel(model));
    }

    [Fact]
    public async Task A_pull_to_a_named_node_reaches_only_that_node()
    {
        var model = Unique("pullone");
        A.AddToLibrary(model, 1_000_000);
        B.AddToLibrary(model, 1_000_000);

        using var response = await Cluster.Backend.Admin.PostStreamingAsync("/api/llm/models/pull", new { model, node = "ollama-1" });
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal("success", lines[^1].GetProperty("status").GetString());
        Assert.Equal("ollama-1", response.Headers.GetValues("X-Ziggie-Ollama").Single());
        Assert.True(B.HasModel(model));
        Assert.False(A.HasModel(model));
    }

    [Fact]
    public async Task A_pull_to_a_node_the_backend_does_not_have_is_refused_and_changes_nothing()
    {
        var response = await Cluster.Backend.Admin.PostAsJsonAsync("/api/llm/models/pull", new { model = Unique("nonode"), node = "gpu-box" }, Cancel);

        var problem = await Problems.ReadAsync(response, 400);
        Assert.Contains("ollama, ollama-1", problem.Detail);
    }

    [Fact]
    public async Task A_delete_removes_the_model_from_every_node_that_has_it_or_from_the_named_one()
    {
        var (everywhere, one) = (Unique("delall"), Unique("delone"));
        foreach (var node in Cluster.Nodes)
        {
            node.AddModel(everywhere);
            node.AddModel(one);
        }

        using var all = await Cluster.Backend.Admin.DeleteAsync($"/api/llm/models/{everywhere}", Cancel);
        using var named = await Cluster.Backend.Admin.DeleteAsync($"/api/llm/models/{one}?node=ollama", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, named.StatusCode);
        Assert.False(A.HasModel(everywhere) || B.HasModel(everywhere));
        Assert.False(A.HasModel(one));
        Assert.True(B.HasModel(one));
    }

    [Fact]
    public async Task Show_answers_from_the_node_that_has_the_model()
    {
        var model = Unique("show");
        B.AddModel(model);

        var shown = await Cluster.Backend.Client.GetFromJsonAsync<JsonElement>($"/api/llm/models/{model}", Cancel);

        Assert.Contains(model, shown.GetProperty("modelfile").GetString());
    }

    [Fact]
    public async Task Status_and_services_show_each_node()
    {
        var status = await Cluster.Backend.Client.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);
        var services = await Cluster.Backend.Client.GetFromJsonAsync<JsonElement>("/api/services", Cancel);

        Assert.Equal("online", status.GetProperty("status").GetString());
        Assert.Equal(A.BaseAddress.ToString(), status.GetProperty("url").GetString());
        var nodes = status.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(["ollama", "ollama-1"], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(B.BaseAddress.ToString(), nodes[1].GetProperty("url").GetString());
        Assert.All(nodes, n => Assert.Equal("online", n.GetProperty("status").GetString()));
        var names = services.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToArray();
        Assert.Contains("ollama", names);
        Assert.Contains("ollama/ollama", names);
        Assert.Contains("ollama/ollama-1", names);
    }

    [Fact]
    public async Task The_span_of_a_call_names_the_node_that_answered()
    {
        var model = Unique("span");
        B.AddModel(model);
        using var spans = new SpanRecorder(B.BaseAddress);

        using var response = await Cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", new { model, prompt = "hi" }, Cancel);
        var span = await spans.WaitForAsync(s => s.DisplayName == $"text_completion {model}");

        Assert.Equal("ollama-1", span.GetTagItem("ziggie.ollama.node"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
    }
}
