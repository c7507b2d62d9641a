using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

public class GenerateAndChatTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_without_stream_returns_ollamas_final_object_with_the_whole_text()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "Say hello" }, Cancel);

        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(string.Concat(ziggie.Ollama.Tokens), answer.GetProperty("response").GetString());
        Assert.True(answer.GetProperty("done").GetBoolean());
        Assert.Equal(ziggie.Ollama.Tokens.Count, answer.GetProperty("eval_count").GetInt32());
        Assert.True(answer.TryGetProperty("total_duration", out _));
    }

    [Fact]
    public async Task A_whole_answer_comes_once_ollama_has_ended_its_stream()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var gate = ziggie.Ollama.HoldBeforeTheEnd();

        var answer = ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "Say hello", stream = false }, Cancel);
        await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);

        // Ollama's done line is in, its answer not ended: Ziggie reads it to the end before answering, so the connection
        // goes back to the pool for the next call instead of draining behind the answer.
        Assert.NotSame(answer, await Task.WhenAny(answer, Task.Delay(TimeSpan.FromMilliseconds(500), Cancel)));
        gate.Release();
        using var response = await answer.WaitAsync(Ndjson.Timeout, Cancel);
        response.EnsureSuccessStatusCode();
        Assert.Equal(string.Concat(ziggie.Ollama.Tokens), (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("response").GetString());
    }

    [Fact]
    public async Task Generate_sends_ollama_the_model_prompt_and_options_it_was_given()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var upstream = ziggie.Ollama.WaitForRequestAsync("/api/generate", Cancel);

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate",
            new { model = "llama3.2", prompt = "Count", temperature = 0.2, max_tokens = 3 }, Cancel);

        response.EnsureSuccessStatusCode();
        var sent = (await upstream.WaitAsync(Ndjson.Timeout, Cancel)).Json!.Value;
        Assert.Equal("llama3.2", sent.GetProperty("model").GetString());
        Assert.Equal("Count", sent.GetProperty("prompt").GetString());
        Assert.Equal(0.2, sent.GetProperty("options").GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(3, sent.GetProperty("options").GetProperty("num_predict").GetInt32());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("length", answer.GetProperty("done_reason").GetString());
    }

    [Fact]
    public async Task Chat_without_stream_returns_the_assistant_message_whole()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/chat", new
        {
            model = "llama3.2",
            messages = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = "hi" } },
        }, Cancel);

        response.EnsureSuccessStatusCode();
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(string.Concat(ziggie.Ollama.Tokens), message.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Unknown_model_answers_404_saying_how_to_get_it()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "mistral", prompt = "hi", stream = true }, Cancel);

        var problem = await Problems.ReadAsync(response, 404);
        Assert.Contains("mistral", problem.Detail);
        Assert.Contains("pull", problem.Detail);
    }

    [Fact]
    public async Task Ollama_unreachable_answers_503_naming_its_address()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);

        var problem = await Problems.ReadAsync(response, 503);
        Assert.Contains(ziggie.Ollama.BaseAddress.ToString(), problem.Detail);
    }

    [Fact]
    public async Task Ollama_failing_answers_502_with_its_reason_and_the_generate_is_not_retried()
    {
        await using var ziggie = await TestBackend.StartAsync();
        ziggie.Ollama.FailStatus = 500;
        ziggie.Ollama.FailMessage = "llama runner process has terminated";

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);

        var problem = await Problems.ReadAsync(response, 502);
        Assert.Contains("llama runner process has terminated", problem.Detail);
        Assert.Single(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    public static TheoryData<string, string> InvalidGenerateBodies => new()
    {
        { """{"model":"llama3.2"}""", "prompt" },
        { """{"model":"llama3.2","prompt":""}""", "prompt" },
        { $$"""{"model":"llama3.2","prompt":"{{new string('x', 32_001)}}"}""", "prompt" },
        { """{"prompt":"hi"}""", "model" },
        { """{"model":"../etc/passwd","prompt":"hi"}""", "model" },
        { """{"model":"llama3.2","prompt":"hi","temperature":2.5}""", "temperature" },
        { """{"model":"llama3.2","prompt":"hi","temperature":-1}""", "temperature" },
        { """{"model":"llama3.2","prompt":"hi","max_tokens":0}""", "max_tokens" },
        { """{"model":"llama3.2","prompt":"hi","max_tokens":40000}""", "max_tokens" },
    };

    [Theory]
    [MemberData(nameof(InvalidGenerateBodies))]
    public async Task Invalid_generate_body_answers_400_naming_the_field_and_never_reaches_ollama(string body, string field)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsync("/api/llm/generate", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains(field, problem.Errors.Keys);
        Assert.Contains(field, problem.Detail);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task Chat_with_an_unknown_role_answers_400_naming_the_message()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/chat",
            new { model = "llama3.2", messages = new[] { new { role = "wizard", content = "hi" } } }, Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("messages[0].role", problem.Errors.Keys);
    }

    [Fact]
    public async Task Chat_without_messages_answers_400()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/chat", new { model = "llama3.2", messages = Array.Empty<object>() }, Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("messages", problem.Errors.Keys);
    }

    [Theory]
    [InlineData("""{"model":"llama3.2","prompt":"hi","temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"llama3.2","prompt":{"$gt":""}}""", "prompt")]
    [InlineData("""{"model":"llama3.2","prompt":"hi""", "not valid JSON")]
    public async Task Body_of_the_wrong_shape_answers_400_saying_where(string body, string expected)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsync("/api/llm/generate", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problems.ReadAsync(response, 400);
        Assert.Contains(expected, problem.Detail);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }
}
