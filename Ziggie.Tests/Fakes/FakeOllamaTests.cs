using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using OllamaSharp.Models.Exceptions;

namespace Ziggie.Tests.Fakes;

/// <summary>The fake must be believable: OllamaSharp talks to it as to Ollama, and the wire details match Ollama's.</summary>
public sealed partial class FakeOllamaTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Version_reports_the_configured_version()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        var ollama = OllamaFor(fake);

        Assert.Equal("0.12.11", await ollama.GetVersionAsync(Ct).WaitAsync(Timeout, Ct));
        fake.Version = "0.13.1";
        Assert.Equal("0.13.1", await ollama.GetVersionAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Fact]
    public async Task Root_says_ollama_is_running_to_get_and_head()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);

        Assert.Equal("Ollama is running", await http.GetStringAsync("", Ct).WaitAsync(Timeout, Ct));
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, ""), Ct).WaitAsync(Timeout, Ct);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(await OllamaFor(fake).IsRunningAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Fact]
    public async Task Tags_lists_local_models_with_their_details()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        fake.AddModel("mistral", 4_113_301_824);

        var models = (await OllamaFor(fake).ListLocalModelsAsync(Ct).WaitAsync(Timeout, Ct)).ToList();

        Assert.Equal(["mistral:latest", "llama3.2:latest"], models.Select(m => m.Name));
        var llama = models.Single(m => m.Name == "llama3.2:latest");
        Assert.Equal(("llama", "3.2B", "Q4_K_M", "gguf"), (llama.Details.Family, llama.Details.ParameterSize, llama.Details.QuantizationLevel, llama.Details.Format));
        Assert.Equal(2_019_393_189, llama.Size);
        Assert.Matches("^[0-9a-f]{64}$", llama.Digest);
    }

    [Fact]
    public async Task Show_finds_a_model_by_its_name_without_tag()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);

        var shown = await OllamaFor(fake).ShowModelAsync("llama3.2", Ct).WaitAsync(Timeout, Ct);

        Assert.Equal("llama", shown.Details.Family);
        Assert.Contains("FROM llama3.2:latest", shown.Modelfile);
    }

    [Fact]
    public async Task Generate_streams_the_configured_tokens_then_a_done_chunk_with_statistics()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        fake.Tokens = ["Hi", " there", "!"];

        var chunks = await CollectAsync(OllamaFor(fake).GenerateAsync(new GenerateRequest { Model = "llama3.2", Prompt = "Say hi" }, Ct)).WaitAsync(Timeout, Ct);

        Assert.Equal(["Hi", " there", "!", ""], chunks.Select(c => c!.Response));
        var done = Assert.IsType<GenerateDoneResponseStream>(chunks[^1]);
        Assert.True(done.Done);
        Assert.Equal("stop", done.DoneReason);
        Assert.Equal(3, done.EvalCount);
        Assert.True(done.TotalDuration > 0 && done.EvalDuration > 0 && done.PromptEvalCount > 0);
    }

    [Fact]
    public async Task Chat_streams_the_configured_tokens_then_a_done_chunk_with_statistics()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        fake.TokenCount = 4;
        var request = new ChatRequest { Model = "llama3.2", Messages = [new Message(ChatRole.User, "Hello?")] };

        var chunks = await CollectAsync(OllamaFor(fake).ChatAsync(request, Ct)).WaitAsync(Timeout, Ct);

        Assert.Equal(["Hello", " world", " from", " the", ""], chunks.Select(c => c!.Message.Content));
        Assert.All(chunks, c => Assert.Equal(ChatRole.Assistant, c!.Message.Role));
        var done = Assert.IsType<ChatDoneResponseStream>(chunks[^1]);
        Assert.Equal(("stop", 4), (done.DoneReason, done.EvalCount));
    }

    [Fact]
    public async Task Streaming_is_the_default_and_sends_one_json_object_per_line()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);

        using var response = await http.PostAsync("api/generate", JsonContent.Create(new { model = "llama3.2", prompt = "hi" }), Ct).WaitAsync(Timeout, Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fake.TokenCount + 1, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(("llama3.2", "Hello", false), (first.GetProperty("model").GetString(), first.GetProperty("response").GetString(), first.GetProperty("done").GetBoolean()));
        Assert.True(first.TryGetProperty("created_at", out _));
        Assert.False(first.TryGetProperty("done_reason", out _));
        var last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(fake.TokenCount, last.GetProperty("eval_count").GetInt32());
        Assert.All(["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_duration", "context"], p => Assert.True(last.TryGetProperty(p, out _), p));
    }

    [Fact]
    public async Task Generate_without_streaming_returns_one_json_object()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);

        using var response = await http.PostAsync("api/generate", JsonContent.Create(new { model = "llama3.2", prompt = "hi", stream = false }), Ct).WaitAsync(Timeout, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct)).RootElement;

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Hello world from the fake", body.GetProperty("response").GetString());
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal(5, body.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task Num_predict_cuts_the_answer_short_with_done_reason_length()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        var request = new GenerateRequest { Model = "llama3.2", Prompt = "hi", Options = new RequestOptions { NumPredict = 2 } };

        var chunks = await CollectAsync(OllamaFor(fake).GenerateAsync(request, Ct)).WaitAsync(Timeout, Ct);

        var done = Assert.IsType<GenerateDoneResponseStream>(chunks[^1]);
        Assert.Equal(("length", 2, 3), (done.DoneReason, done.EvalCount, chunks.Count));
    }

    [Fact]
    public async Task An_empty_prompt_only_loads_the_model()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);

        using var response = await http.PostAsync("api/generate", JsonContent.Create(new { model = "llama3.2" }), Ct).WaitAsync(Timeout, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct)).RootElement;

        Assert.Equal(("load", true), (body.GetProperty("done_reason").GetString(), body.GetProperty("done").GetBoolean()));
        Assert.Single(await OllamaFor(fake).ListRunningModelsAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Theory]
    [InlineData("api/generate", """{"model":"nope","prompt":"hi"}""")]
    [InlineData("api/chat", """{"model":"nope","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("api/show", """{"model":"nope"}""")]
    [InlineData("api/embed", """{"model":"nope","input":"hi"}""")]
    public async Task Unknown_model_gets_404_with_ollamas_error_body(string path, string body)
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);

        using var response = await http.PostAsync(path, new StringContent(body), Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"model 'nope' not found"}""", await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Fact]
    public async Task Fail_status_answers_generate_and_chat_with_an_error_body()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        fake.FailStatus = 503;

        using var response = await http.PostAsync("api/chat", JsonContent.Create(new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } } }), Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct)).RootElement.GetProperty("error").GetString();
        Assert.StartsWith("server busy", error);
    }

    [Fact]
    public async Task Fail_next_answers_a_few_requests_with_an_error_then_serves_again()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        fake.FailNext("/api/tags", times: 2);

        using var first = await http.GetAsync("api/tags", Ct).WaitAsync(Timeout, Ct);
        using var second = await http.GetAsync("api/tags", Ct).WaitAsync(Timeout, Ct);
        using var generate = await http.PostAsync("api/generate", JsonContent.Create(new { model = "llama3.2", prompt = "hi", stream = false }), Ct).WaitAsync(Timeout, Ct);
        using var third = await http.GetAsync("api/tags", Ct).WaitAsync(Timeout, Ct);

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable], new[] { first.StatusCode, second.StatusCode });
        Assert.StartsWith("""{"error":"server busy""", await first.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct));
        Assert.Equal(HttpStatusCode.OK, generate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Pull_streams_growing_progress_and_adds_the_model()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        fake.PullSteps = 5;

        var lines = await CollectAsync(OllamaFor(fake).PullModelAsync("qwen2.5:0.5b", Ct)).WaitAsync(Timeout, Ct);

        Assert.Equal("pulling manifest", lines[0]!.Status);
        Assert.Equal(["verifying sha256 digest", "writing manifest", "success"], lines[^3..].Select(l => l!.Status));
        var progress = lines.Where(l => l!.Digest is { Length: > 0 }).ToList();
        Assert.Equal(5, progress.Count);
        Assert.All(progress, p => Assert.Matches("^pulling [0-9a-f]{12}$", p!.Status));
        Assert.Equal(progress.Select(p => p!.Completed).Order(), progress.Select(p => p!.Completed));
        Assert.Equal(progress[^1]!.Total, progress[^1]!.Completed);
        Assert.True(fake.HasModel("qwen2.5:0.5b"));
    }

    [Fact]
    public async Task Pull_without_streaming_returns_only_success()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        fake.RemoveModel("llama3.2");

        using var response = await http.PostAsync("api/pull", JsonContent.Create(new { model = "llama3.2", stream = false }), Ct).WaitAsync(Timeout, Ct);

        Assert.Equal("""{"status":"success"}""", await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct));
        Assert.True(fake.HasModel("llama3.2:latest"));
    }

    [Fact]
    public async Task Failing_pull_emits_an_error_line_and_adds_nothing()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        fake.FailPullAfterSteps = 2;

        using var response = await http.PostAsync("api/pull", JsonContent.Create(new { model = "qwen2.5:0.5b" }), Ct).WaitAsync(Timeout, Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"error":"max retries exceeded: unexpected EOF"}""", lines[^1]);
        Assert.False(fake.HasModel("qwen2.5:0.5b"));
        await Assert.ThrowsAsync<ResponseError>(() => CollectAsync(OllamaFor(fake).PullModelAsync("qwen2.5:0.5b", Ct))).WaitAsync(Timeout, Ct);
    }

    [Fact]
    public async Task Pulling_a_model_the_library_lacks_fails_like_ollama()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);

        using var streamed = await http.PostAsync("api/pull", JsonContent.Create(new { model = "nope" }), Ct).WaitAsync(Timeout, Ct);
        using var unstreamed = await http.PostAsync("api/pull", JsonContent.Create(new { model = "nope", stream = false }), Ct).WaitAsync(Timeout, Ct);

        const string error = """{"error":"pull model manifest: file does not exist"}""";
        Assert.Equal($"{{\"status\":\"pulling manifest\"}}\n{error}\n", await streamed.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct));
        Assert.Equal(HttpStatusCode.InternalServerError, unstreamed.StatusCode);
        Assert.Equal(error, await unstreamed.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Fact]
    public async Task Delete_removes_the_model_and_then_reports_it_missing()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);

        await OllamaFor(fake).DeleteModelAsync("llama3.2", Ct).WaitAsync(Timeout, Ct);
        Assert.False(fake.HasModel("llama3.2"));

        // The deprecated "name" field still works, as in Ollama.
        using var again = new HttpRequestMessage(HttpMethod.Delete, "api/delete") { Content = JsonContent.Create(new { name = "llama3.2" }) };
        using var response = await http.SendAsync(again, Ct).WaitAsync(Timeout, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"model 'llama3.2' not found"}""", await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Fact]
    public async Task Embed_returns_one_unit_vector_per_input()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);

        var result = await OllamaFor(fake).EmbedAsync(new EmbedRequest { Model = "llama3.2", Input = ["a", "b", "a"] }, Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(3, result.Embeddings.Count);
        Assert.All(result.Embeddings, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3));
        Assert.Equal(result.Embeddings[0], result.Embeddings[2]);
        Assert.NotEqual(result.Embeddings[0], result.Embeddings[1]);
    }

    private static HttpClient HttpFor(FakeOllama fake) => new() { BaseAddress = fake.BaseAddress };

    private static OllamaApiClient OllamaFor(FakeOllama fake) => new(HttpFor(fake), "llama3.2");

    // JsonContent has no length, so HttpClient sends it chunked, as the backend's clients do.
    private static Task<HttpResponseMessage> SendStreamingAsync(HttpClient http, string path, object body, CancellationToken cancellationToken) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
