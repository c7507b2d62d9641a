using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Ollama;

/// <summary>
/// Which Ollama node answers a generate or chat call. Each test starts its own backend: the tests stop nodes, hold
/// streams open and count calls in flight, which one shared backend would mix up.
/// </summary>
public class NodeRoutingTests
{
    private const string NodeHeader = "X-Ziggie-Ollama";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static object Generate(string model = "llama3.2", bool stream = false) => new { model, prompt = "Say hello", stream };

    [Fact]
    public async Task The_node_that_has_the_model_loaded_answers()
    {
        await using var cluster = await SeveralNodes.StartAsync(3);
        cluster.Nodes[2].LoadModel("llama3.2");

        using var response = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ollama-2", response.Headers.GetValues(NodeHeader).Single());
        Assert.Single(cluster.Nodes[2].Requests, r => r.Path == "/api/generate");
        Assert.DoesNotContain(cluster.Nodes[0].Requests, r => r.Path == "/api/generate");
        Assert.DoesNotContain(cluster.Nodes[1].Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task After_a_delete_on_one_node_the_next_call_for_the_model_goes_to_a_node_that_still_has_it()
    {
        // No refresh of the views during the test: only what the delete itself tells the router can change the choice.
        await using var cluster = await SeveralNodes.StartAsync(2,
            ("Ziggie:Routing:ResidencyRefresh", "00:10:00"), ("Ziggie:Routing:AfterCallRefresh", "00:10:00"));
        cluster.Nodes[0].LoadModel("llama3.2");
        cluster.Nodes[1].LoadModel("llama3.2");
        using var before = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel);
        Assert.Equal("ollama", before.Headers.GetValues(NodeHeader).Single());

        using var deleted = await cluster.Backend.Admin.DeleteAsync("/api/llm/models/llama3.2?node=ollama", Cancel);
        using var after = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("ollama-1", after.Headers.GetValues(NodeHeader).Single());
    }

    [Fact]
    public async Task Among_equal_nodes_the_one_with_fewer_calls_in_flight_answers()
    {
        await using var cluster = await SeveralNodes.StartAsync(2);
        cluster.Nodes[0].LoadModel("llama3.2");
        cluster.Nodes[1].LoadModel("llama3.2");

        // Node 0 is answering the held stream: the next call for the same model goes to node 1.
        using var next = await NextCallWhileNodeZeroAnswersAsync(cluster);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("ollama-1", next.Headers.GetValues(NodeHeader).Single());
    }

    [Fact]
    public async Task While_the_loaded_node_has_a_free_slot_it_takes_the_call_over_an_idle_node_that_would_load_the_model()
    {
        await using var cluster = await SeveralNodes.StartAsync(2, ("Ziggie:Routing:NodeParallel", "2"));
        cluster.Nodes[0].LoadModel("llama3.2");

        // One call in flight of two slots: node 0 still has room, and node 1 would have to load the model first.
        using var next = await NextCallWhileNodeZeroAnswersAsync(cluster);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("ollama", next.Headers.GetValues(NodeHeader).Single());
        Assert.DoesNotContain(cluster.Nodes[1].Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task When_every_slot_of_the_loaded_node_is_taken_a_node_with_the_model_on_disk_takes_the_next_call()
    {
        // Ollama's default OLLAMA_NUM_PARALLEL, and Ziggie's: one generation at a time per node.
        await using var cluster = await SeveralNodes.StartAsync(2);
        cluster.Nodes[0].LoadModel("llama3.2");
        Assert.Empty(cluster.Nodes[1].LoadedModels);

        // Queueing behind node 0 would wait a whole answer; node 1 loads the model once and answers now.
        using var next = await NextCallWhileNodeZeroAnswersAsync(cluster);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("ollama-1", next.Headers.GetValues(NodeHeader).Single());
        Assert.Contains(cluster.Nodes[1].LoadedModels, m => m.StartsWith("llama3.2", StringComparison.Ordinal));
    }

    /// <summary>
    /// Holds a stream on node 0 after its first line, sends one whole generate for the same model meanwhile, then lets
    /// the held stream finish: the answer to the second call, whose node says what the router made of node 0's load.
    /// </summary>
    private static async Task<HttpResponseMessage> NextCallWhileNodeZeroAnswersAsync(SeveralNodes cluster)
    {
        var gate = cluster.Nodes[0].HoldBeforeChunk(1);
        using var held = await cluster.Backend.Client.PostStreamingAsync("/api/llm/generate", Generate(stream: true));
        using var reader = await held.ReaderAsync();
        Assert.NotNull(await reader.ReadJsonLineAsync());
        Assert.Equal("ollama", held.Headers.GetValues(NodeHeader).Single());

        var next = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel);
        gate.Release();
        Assert.True((await reader.ReadAllLinesAsync())[^1].GetProperty("done").GetBoolean());
        return next;
    }

    [Fact]
    public async Task A_node_that_refuses_connections_is_skipped_and_the_call_succeeds_on_another()
    {
        await using var cluster = await SeveralNodes.StartAsync(2);
        cluster.Nodes[0].LoadModel("llama3.2");
        using (var warm = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel))
        {
            Assert.Equal("ollama", warm.Headers.GetValues(NodeHeader).Single());
        }

        await cluster.Nodes[0].StopAsync();
        using var response = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ollama-1", response.Headers.GetValues(NodeHeader).Single());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(string.Concat(cluster.Nodes[1].Tokens), answer.GetProperty("response").GetString());
    }

    [Fact]
    public async Task A_call_that_fails_before_its_first_token_is_retried_once_on_another_node()
    {
        await using var cluster = await SeveralNodes.StartAsync(2);
        cluster.Nodes[0].LoadModel("llama3.2");
        cluster.Nodes[0].FailStatus = 503;

        using var response = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ollama-1", response.Headers.GetValues(NodeHeader).Single());
        Assert.Single(cluster.Nodes[0].Requests, r => r.Path == "/api/generate");
        Assert.Single(cluster.Nodes[1].Requests, r => r.Path == "/api/generate");
        Assert.Equal("ollama-1", Assert.Single(cluster.Backend.Generations.Entries).OllamaNode);
    }

    [Fact]
    public async Task A_node_dying_mid_stream_ends_that_stream_with_an_error_line_and_no_other_node_starts_over()
    {
        await using var cluster = await SeveralNodes.StartAsync(2);
        cluster.Nodes[0].LoadModel("llama3.2");
        cluster.Nodes[0].DisconnectAfterChunks = 2;

        using var response = await cluster.Backend.Client.PostStreamingAsync("/api/llm/generate", Generate(stream: true));
        using var reader = await response.ReaderAsync();
        var lines = await reader.ReadAllLinesAsync();

        Assert.Equal("ollama", response.Headers.GetValues(NodeHeader).Single());
        Assert.Equal(cluster.Nodes[0].Tokens.Take(2), lines.SkipLast(1).Select(l => l.GetProperty("response").GetString()));
        Assert.Contains("broke", lines[^1].GetProperty("error").GetString());
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        Assert.DoesNotContain(cluster.Nodes[1].Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task A_node_coming_back_rejoins_the_rotation()
    {
        // A decision that finds no answering node with the model asks every node again: no waiting here.
        await using var cluster = await SeveralNodes.StartAsync(2);
        cluster.Nodes[1].AddModel("qwen2.5:0.5b", 397_821_319);
        using (var seen = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate("qwen2.5:0.5b"), Cancel))
        {
            Assert.Equal("ollama-1", seen.Headers.GetValues(NodeHeader).Single());
        }

        await cluster.Nodes[1].StopAsync();
        using (var away = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate("qwen2.5:0.5b"), Cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, away.StatusCode);
        }

        await cluster.Nodes[1].RestartAsync(Cancel);
        using var back = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate("qwen2.5:0.5b"), Cancel);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("ollama-1", back.Headers.GetValues(NodeHeader).Single());
    }

    [Fact]
    public async Task A_model_only_one_node_has_is_answered_by_that_node_and_the_usage_log_names_it()
    {
        await using var cluster = await SeveralNodes.StartAsync(2);
        cluster.Nodes[1].AddModel("qwen2.5:0.5b", 397_821_319);

        using var response = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/chat",
            new { model = "qwen2.5:0.5b", messages = new[] { new { role = "user", content = "hi" } } }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ollama-1", response.Headers.GetValues(NodeHeader).Single());
        Assert.Single(cluster.Nodes[1].Requests, r => r.Path == "/api/chat");
        Assert.DoesNotContain(cluster.Nodes[0].Requests, r => r.Path == "/api/chat");
        var entry = Assert.Single(cluster.Backend.Generations.Entries);
        Assert.Equal(("ollama-1", "completed"), (entry.OllamaNode, entry.Outcome));
    }

    [Fact]
    public async Task A_model_no_node_has_answers_404_without_sending_the_call_anywhere()
    {
        await using var cluster = await SeveralNodes.StartAsync(2);

        using var response = await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate("mistral"), Cancel);

        var problem = await Problems.ReadAsync(response, 404);
        Assert.Equal("Model not found", problem.Title);
        Assert.Contains("ollama-1", problem.Detail);
        Assert.All(cluster.Nodes, node => Assert.DoesNotContain(node.Requests, r => r.Path == "/api/generate"));
    }

    [Fact]
    public async Task Status_is_online_while_any_node_is_and_says_which_one_is_not()
    {
        await using var cluster = await SeveralNodes.StartAsync(2);
        await cluster.Nodes[1].StopAsync();

        var status = await cluster.Backend.Client.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);

        Assert.Equal("online", status.GetProperty("status").GetString());
        var nodes = status.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(("online", "offline"), (nodes[0].GetProperty("status").GetString(), nodes[1].GetProperty("status").GetString()));
        Assert.False(string.IsNullOrEmpty(nodes[1].GetProperty("error").GetString()));
    }

    [Fact]
    public async Task After_a_call_the_router_asks_the_nodes_memory_again_not_their_disk()
    {
        await using var cluster = await SeveralNodes.StartAsync(2,
            ("Ziggie:Routing:AfterCallRefresh", "00:00:00"), ("Ziggie:Routing:ResidencyRefresh", "00:10:00"), ("Ziggie:Limits:GenerationsPerMinute", "1000"));
        cluster.Nodes[0].LoadModel("llama3.2");
        cluster.Nodes[1].LoadModel("llama3.2");
        (await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel)).EnsureSuccessStatusCode();
        foreach (var node in cluster.Nodes) node.ForgetRequests();

        // One call at a time goes to the first of two equal nodes. Each leaves that node's view stale, and the next call
        // asks it again, in the background. A node is asked once at a time, so a second /api/ps on it means the first
        // probe has ended, and a disk read would have come between.
        var answering = cluster.Nodes[0];
        for (var call = 0; call < 50 && answering.Requests.Count(r => r.Path == "/api/ps") < 2; call++)
        {
            (await cluster.Backend.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel)).EnsureSuccessStatusCode();
        }

        Assert.True(answering.Requests.Count(r => r.Path == "/api/ps") >= 2);
        Assert.All(cluster.Nodes, node => Assert.DoesNotContain(node.Requests, r => r.Path == "/api/tags"));
    }

    [Fact]
    public async Task With_one_node_every_call_names_it()
    {
        await using var ziggie = await TestBackend.StartAsync();

        using var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Generate(), Cancel);

        Assert.Equal("ollama", response.Headers.GetValues(NodeHeader).Single());
        Assert.Equal("ollama", Assert.Single(ziggie.Generations.Entries).OllamaNode);
    }
}
