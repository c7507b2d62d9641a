using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Usage;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>Dependencies failing and coming back while the backend runs: it answers as the contract says and recovers without a restart.</summary>
public class FaultTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MongoDB_going_away_mid_run_and_coming_back_needs_no_restart()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var login = new { username = "admin", password = TestBackend.AdminPassword };
        Assert.Equal(HttpStatusCode.OK, (await ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", login, Cancel)).StatusCode);

        ziggie.Mongo.IsAvailable = false;
        var whileDown = await ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", login, Cancel);
        var historyWhileDown = await ziggie.Client.GetAsync("/api/conversations", Cancel);
        var generation = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);

        ziggie.Mongo.IsAvailable = true;
        var afterwards = await ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", login, Cancel);

        await Problems.ReadAsync(whileDown, 503);
        await Problems.ReadAsync(historyWhileDown, 503);
        generation.EnsureSuccessStatusCode();
        Assert.StartsWith("not-kept", generation.Headers.GetValues(GenerationRecorder.HeaderName).Single());
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Empty(ziggie.Generations.Entries); // nothing was written anywhere while it was down
    }

    [Fact]
    public async Task Ollama_down_at_start_is_reported_offline_and_found_again_when_it_comes()
    {
        await using var ziggie = await TestBackend.StartAsync();
        await ziggie.Ollama.StopAsync();

        var generate = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);
        var down = await ziggie.Anonymous.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);
        await ziggie.Ollama.RestartAsync(Cancel);
        var again = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);

        await Problems.ReadAsync(generate, 503);
        Assert.Equal("offline", down.GetProperty("status").GetString());
        again.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_failed_call_leaves_no_generation_slot_taken()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Limits:ConcurrentGenerationsPerUser", "1"));
        ziggie.Ollama.FailStatus = 500;
        for (var i = 0; i < 3; i++)
        {
            await Problems.ReadAsync(await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel), 502);
        }

        ziggie.Ollama.FailStatus = null;
        (await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel)).EnsureSuccessStatusCode();
    }
}
