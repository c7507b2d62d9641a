using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Llm;

/// <summary><c>GET</c> and <c>DELETE /api/llm/models/{name}</c>, and the cached list they keep honest.</summary>
public class ModelShowAndDeleteTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Long enough that only an explicit refresh can explain a changed list.
    private static readonly (string, string) LongCache = ("Ziggie:Llm:ModelListCacheDuration", "00:05:00");

    [Fact]
    public async Task Show_returns_ollamas_description_of_the_model()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var shown = await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/models/llama3.2", Cancel);

        Assert.Equal("llama", shown.GetProperty("details").GetProperty("family").GetString());
        Assert.Equal("3.2B", shown.GetProperty("details").GetProperty("parameter_size").GetString());
        Assert.Contains("completion", shown.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.True(shown.TryGetProperty("model_info", out _));
    }

    [Fact]
    public async Task Show_of_a_model_ollama_lacks_answers_404()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.GetAsync("/api/llm/models/mistral", Cancel);

        var problem = await Problems.ReadAsync(response, 404);
        Assert.Contains("mistral", problem.Detail);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task A_name_that_is_not_a_model_name_answers_400_and_never_reaches_ollama(string method)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/llm/models/llama..3"), Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("name", problem.Errors.Keys);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path is "/api/show" or "/api/delete");
    }

    [Fact]
    public async Task Delete_removes_the_model_from_the_list_at_once()
    {
        await using var ziggie = await TestBackend.StartAsync(LongCache);
        Assert.Contains("llama3.2:latest", await NamesAsync(ziggie));

        var response = await ziggie.Admin.DeleteAsync("/api/llm/models/llama3.2", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(ziggie.Ollama.HasModel("llama3.2"));
        Assert.DoesNotContain("llama3.2:latest", await NamesAsync(ziggie));
    }

    [Fact]
    public async Task Delete_of_a_model_ollama_lacks_answers_404()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Admin.DeleteAsync("/api/llm/models/mistral", Cancel);

        await Problems.ReadAsync(response, 404);
    }

    [Fact]
    public async Task The_model_list_is_reused_until_it_expires()
    {
        await using var ziggie = await TestBackend.StartAsync(LongCache);

        await NamesAsync(ziggie);
        ziggie.Ollama.AddModel("mistral");
        var second = await NamesAsync(ziggie);

        Assert.Single(ziggie.Ollama.Requests, r => r.Path == "/api/tags");
        Assert.DoesNotContain("mistral:latest", second);
    }

    [Fact]
    public async Task A_pull_refreshes_the_list_before_its_success_line_is_sent()
    {
        await using var ziggie = await TestBackend.StartAsync(LongCache);
        Assert.DoesNotContain("qwen2.5:0.5b", await NamesAsync(ziggie));

        using var pull = await ziggie.Admin.PostStreamingAsync("/api/llm/models/pull", new { model = "qwen2.5:0.5b" });
        var lines = await (await pull.ReaderAsync()).ReadAllLinesAsync();

        Assert.Equal("success", lines[^1].GetProperty("status").GetString());
        Assert.Contains("qwen2.5:0.5b", await NamesAsync(ziggie));
    }

    private static async Task<string?[]> NamesAsync(TestBackend ziggie) =>
        [.. (await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/llm/models", Cancel))
            .GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString())];
}
