using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Api;

public class OpenApiTests
{
    [Fact]
    public async Task OpenApi_document_describes_the_llm_routes()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var document = await ziggie.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/llm", "/api/llm/status", "/api/llm/models", "/api/llm/generate", "/api/llm/chat" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task Scalar_serves_the_api_reference_in_development()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.GetAsync("/scalar", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_says_where_the_me_answer_comes_from()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var document = await ziggie.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var user = document.GetProperty("components").GetProperty("schemas").GetProperty("UserView").GetProperty("properties");
        Assert.True(user.TryGetProperty("source", out _), user.ToString());
        Assert.True(user.TryGetProperty("created_at", out _), user.ToString());
    }
}
