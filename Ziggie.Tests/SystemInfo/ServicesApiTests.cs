using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.SystemInfo;

/// <summary><c>/api/services</c>. MongoDB is unreachable in these tests, as when the database is down.</summary>
public class ServicesApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Services_list_the_backend_mongodb_and_ollama_with_how_each_answers()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var services = await ServicesAsync(ziggie);

        Assert.Equal(["backend", "mongodb", "ollama"], services.Keys.Order());
        Assert.Equal("healthy", services["backend"].GetProperty("status").GetString());
        Assert.Equal(ziggie.Client.BaseAddress!.ToString().TrimEnd('/'), services["backend"].GetProperty("endpoint").GetString());
        Assert.Equal("healthy", services["ollama"].GetProperty("status").GetString());
        Assert.Equal(ziggie.Ollama.BaseAddress.ToString(), services["ollama"].GetProperty("endpoint").GetString());
        Assert.Contains(ziggie.Ollama.Version, services["ollama"].GetProperty("detail").GetString());
        Assert.True(services["ollama"].GetProperty("latency_ms").GetDouble() >= 0);
        Assert.Equal("down", services["mongodb"].GetProperty("status").GetString());
        Assert.Equal("mongodb://127.0.0.1:1/ziggie", services["mongodb"].GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task The_backend_is_shown_at_the_public_address_the_apphost_gives_not_kestrels_own()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:System:PublicUrl", "http://localhost:54112"));

        var backend = (await ServicesAsync(ziggie))["backend"];

        Assert.Equal("http://localhost:54112", backend.GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task A_stopped_ollama_is_down_with_the_reason()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var ollama = (await ServicesAsync(ziggie))["ollama"];

        Assert.Equal("down", ollama.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(ollama.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Endpoints_never_show_the_credentials_of_the_connection_strings()
    {
        await using var probe = await TestBackend.StartAsync();
        var port = probe.Ollama.BaseAddress.Port;
        await using var ziggie = await TestBackend.StartAsync(
            ("ConnectionStrings:ziggiedb", "mongodb://ziggie:mongo-secret-pw@127.0.0.1:1/ziggie?authSource=admin"),
            ("ConnectionStrings:ollama", $"Endpoint=http://ollama-user:ollama-secret-pw@127.0.0.1:{port}/"));

        var body = await ziggie.Client.GetStringAsync("/api/services", Cancel);
        var services = Index(JsonDocument.Parse(body).RootElement);

        Assert.DoesNotContain("secret-pw", body);
        Assert.DoesNotContain("ollama-user", body);
        Assert.Equal($"http://127.0.0.1:{port}/", services["ollama"].GetProperty("endpoint").GetString());
        Assert.Equal("mongodb://127.0.0.1:1/ziggie", services["mongodb"].GetProperty("endpoint").GetString());
    }

    private static async Task<Dictionary<string, JsonElement>> ServicesAsync(TestBackend ziggie) =>
        Index(await ziggie.Client.GetFromJsonAsync<JsonElement>("/api/services", Cancel));

    private static Dictionary<string, JsonElement> Index(JsonElement list) =>
        list.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
}
