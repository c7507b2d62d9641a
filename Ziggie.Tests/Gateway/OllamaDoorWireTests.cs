using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Gateway;

/// <summary>The Ollama door on the wire: Ollama's bodies, streams, errors and status codes, field for field.</summary>
public class OllamaDoorWireTests(GatewayBackend backend) : IClassFixture<GatewayBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_streams_ndjson_by_default_and_answers_one_object_with_stream_false()
    {
        backend.Fresh();
        using var http = backend.Door("ollama", backend.NewUser().Token);

        using var streamed = await http.PostAsJsonAsync("api/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        var lines = (await streamed.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var whole = await http.PostAsJsonAsync("api/generate", new { model = "llama3.2", prompt = "hi", stream = false }, Cancel);
        var answer = await whole.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal("application/x-ndjson", streamed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(6, lines.Length);
        Assert.True(JsonDocument.Parse(lines[^1]).RootElement.GetProperty("done").GetBoolean());
        Assert.Equal("application/json", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Hello world from the fake", answer.GetProperty("response").GetString());
        Assert.Equal(5, answer.GetProperty("eval_count").GetInt32());
    }

    [Theory]
    [InlineData("api/chat")]
    [InlineData("api/generate")]
    public async Task A_whole_answer_keeps_the_thinking_and_the_tool_calls_as_ollama_puts_them_together(string path)
    {
        var fake = backend.Fresh();
        fake.ThinkingTokens = ["The user", " asks", " for weather."];
        fake.ToolCallName = "get_weather";
        fake.ToolCallArguments = """{"city":"Paris","days":2}""";
        using var http = backend.Door("ollama", backend.NewUser().Token);
        using var direct = new HttpClient { BaseAddress = fake.BaseAddress };
        object body = path == "api/chat"
            ? new
            {
                model = "llama3.2",
                stream = false,
                think = true,
                messages = new[] { new { role = "user", content = "Weather in Paris?" } },
                tools = new[] { new { type = "function", function = new { name = "get_weather", parameters = new { type = "object" } } } },
            }
            : new { model = "llama3.2", prompt = "Weather in Paris?", stream = false, think = true };

        var ours = await (await http.PostAsJsonAsync(path, body, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var ollamas = await (await direct.PostAsJsonAsync(path, body, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        var (mine, theirs) = path == "api/chat" ? (ours.GetProperty("message"), ollamas.GetProperty("message")) : (ours, ollamas);
        Assert.Equal("The user asks for weather.", mine.GetProperty("thinking").GetString());
        Assert.Equal(theirs.GetProperty("thinking").GetString(), mine.GetProperty("thinking").GetString());
        Assert.Equal(theirs.GetProperty(path == "api/chat" ? "content" : "response").GetString(), mine.GetProperty(path == "api/chat" ? "content" : "response").GetString());
        if (path == "api/chat")
        {
            Assert.Equal(theirs.GetProperty("tool_calls").GetRawText(), mine.GetProperty("tool_calls").GetRawText());
            Assert.Equal("Paris", mine.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetProperty("city").GetString());
        }
    }

    [Fact]
    public async Task Fields_ziggie_does_not_model_reach_ollama_as_sent_with_ollamas_own_host()
    {
        var fake = backend.Fresh();
        using var http = backend.Door("ollama", backend.NewUser().Token);
        var upstream = fake.WaitForRequestAsync("/api/chat", Cancel);

        using var response = await http.PostAsJsonAsync("api/chat", new
        {
            model = "llama3.2",
            messages = new[] { new { role = "user", content = "what is here?", images = new[] { "aGVsbG8=" } } },
            options = new { temperature = 0.2, num_ctx = 4096 },
            format = "json",
            keep_alive = "10m",
            think = false,
            tools = new[] { new { type = "function", function = new { name = "clock", parameters = new { type = "object" } } } },
        }, Cancel);
        response.EnsureSuccessStatusCode();
        var sent = (await upstream.WaitAsync(Ndjson.Timeout, Cancel)).Json!.Value;

        Assert.Equal(4096, sent.GetProperty("options").GetProperty("num_ctx").GetInt32());
        Assert.Equal("json", sent.GetProperty("format").GetString());
        Assert.Equal("10m", sent.GetProperty("keep_alive").GetString());
        Assert.False(sent.GetProperty("think").GetBoolean());
        Assert.Equal("aGVsbG8=", sent.GetProperty("messages")[0].GetProperty("images")[0].GetString());
        Assert.Equal("clock", sent.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.True(sent.GetProperty("stream").GetBoolean());
        Assert.Equal(fake.BaseAddress.Authority, (await upstream).Headers["Host"]);
    }

    [Fact]
    public async Task The_root_and_head_answer_as_ollama_does()
    {
        backend.Fresh();
        using var anonymous = new HttpClient { BaseAddress = new Uri(backend.BaseAddress, "ollama/") };
        using var http = backend.Door("ollama", backend.NewUser().Token);

        var root = await anonymous.GetStringAsync("", Cancel);
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, ""), Cancel);
        using var tags = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "api/tags"), Cancel);
        var version = await anonymous.GetFromJsonAsync<JsonElement>("api/version", Cancel);

        Assert.Equal("Ollama is running", root);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tags.StatusCode);
        Assert.Equal(backend.Ziggie.Ollama.Version, version.GetProperty("version").GetString());
    }

    [Fact]
    public async Task The_older_embeddings_route_answers_one_vector()
    {
        backend.Fresh();
        using var http = backend.Door("ollama", backend.NewUser().Token);

        using var response = await http.PostAsJsonAsync("api/embeddings", new { model = "llama3.2", prompt = "a cat" }, Cancel);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(backend.Ziggie.Ollama.EmbeddingDimensions, answer.GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task Admins_copy_pull_and_delete_models_and_users_may_not()
    {
        var fake = backend.Fresh();
        using var admin = backend.Door("ollama", backend.NewUser(Roles.Admin).Token);
        using var user = backend.Door("ollama", backend.NewUser().Token);

        using var copied = await admin.PostAsJsonAsync("api/copy", new { source = "llama3.2", destination = "mine" }, Cancel);
        var hasCopy = fake.HasModel("mine");
        using var deleted = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/delete") { Content = JsonContent.Create(new { model = "mine" }) }, Cancel);
        using var pulled = await admin.PostAsJsonAsync("api/pull", new { model = "qwen2.5:0.5b" }, Cancel);
        var pullLines = (await pulled.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var refused = await user.PostAsJsonAsync("api/pull", new { model = "qwen2.5:0.5b" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
        Assert.True(hasCopy);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.False(fake.HasModel("mine"));
        Assert.Equal("success", JsonDocument.Parse(pullLines[^1]).RootElement.GetProperty("status").GetString());
        await DoorErrors.AssertOllamaAsync(refused, 403, "admin");
    }

    [Fact]
    public async Task Each_denial_comes_in_ollamas_error_shape_with_its_status()
    {
        var fake = backend.Fresh();
        using var bad = backend.Door("ollama", "not-a-token");
        using var reader = backend.Door("ollama", backend.NewUser(Roles.Readonly).Token);
        using var http = backend.Door("ollama", backend.NewUser().Token);

        using var unauthorized = await bad.PostAsJsonAsync("api/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        using var forbidden = await reader.PostAsJsonAsync("api/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        using var unknown = await http.PostAsJsonAsync("api/generate", new { model = "nope", prompt = "hi" }, Cancel);
        using var notJson = await http.PostAsync("api/chat", new StringContent("{not json", null, "application/json"), Cancel);
        using var create = await http.PostAsJsonAsync("api/create", new { model = "x", from = "llama3.2" }, Cancel);

        await DoorErrors.AssertOllamaAsync(unauthorized, 401, "Authorization: Bearer");
        Assert.Contains(unauthorized.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await DoorErrors.AssertOllamaAsync(forbidden, 403, "readonly");
        await DoorErrors.AssertOllamaAsync(unknown, 404, "nope");
        await DoorErrors.AssertOllamaAsync(notJson, 400, "not valid JSON");
        await DoorErrors.AssertOllamaAsync(create, 501, "ollama create");
        Assert.DoesNotContain(fake.Requests, r => r.Path == "/api/create");
    }

    [Fact]
    public async Task A_second_answer_at_the_concurrency_limit_gets_429_in_ollamas_shape()
    {
        var fake = backend.Fresh();
        using var http = backend.Door("ollama", backend.NewUser().Token);
        var gate = fake.HoldBeforeChunk(1);

        using var first = await http.PostStreamingAsync("api/generate", new { model = "llama3.2", prompt = "hi" });
        await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);
        using var second = await http.PostAsJsonAsync("api/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        gate.Release();
        await first.Content.ReadAsStringAsync(Cancel);

        await DoorErrors.AssertOllamaAsync(second, 429, "ConcurrentGenerationsPerUser");
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_stream_that_breaks_ends_with_ollamas_error_line()
    {
        var fake = backend.Fresh();
        fake.DisconnectAfterChunks = 2;
        using var http = backend.Door("ollama", backend.NewUser().Token);

        using var response = await http.PostAsJsonAsync("api/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(3, lines.Length);
        Assert.False(string.IsNullOrEmpty(last.GetProperty("error").GetString()));
        Assert.True(last.GetProperty("done").GetBoolean());
    }
}
