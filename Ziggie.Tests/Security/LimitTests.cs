using System.Net;
using System.Net.Http.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

public class LimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly object Stream = new { model = "llama3.2", prompt = "hi", stream = true };

    [Fact]
    public async Task A_user_at_the_concurrent_generation_limit_gets_429_until_one_finishes()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Limits:ConcurrentGenerationsPerUser", "1"));
        var gate = ziggie.Ollama.HoldBeforeChunk(1);

        var first = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Stream);
        await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);
        var second = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Stream, Cancel);
        var otherUser = await ziggie.ClientFor("user").PostAsJsonAsync("/api/llm/generate", Stream, Cancel);
        gate.Release();
        await first.Content.ReadAsStringAsync(Cancel);
        first.Dispose();
        var third = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", Stream, Cancel);

        var problem = await Problems.ReadAsync(second, 429);
        Assert.Contains("ConcurrentGenerationsPerUser", problem.Detail);
        Assert.NotNull(second.Headers.RetryAfter);
        otherUser.EnsureSuccessStatusCode();
        third.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_slot_comes_back_when_the_caller_leaves_mid_stream()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Limits:ConcurrentGenerationsPerUser", "1"));
        ziggie.Ollama.TokenDelay = TimeSpan.FromMinutes(5);
        var upstream = ziggie.Ollama.WaitForRequestAsync("/api/generate", Cancel);
        using (var response = await ziggie.Client.PostStreamingAsync("/api/llm/generate", Stream))
        {
            using var reader = await response.ReaderAsync();
            await reader.ReadJsonLineAsync();
        }

        await (await upstream.WaitAsync(Ndjson.Timeout, Cancel)).Completed.WaitAsync(Ndjson.Timeout, Cancel);
        await ziggie.Generations.FirstEntry.WaitAsync(Ndjson.Timeout, Cancel); // the handler is finishing
        ziggie.Ollama.TokenDelay = TimeSpan.Zero;
        var next = await RetryWhileLimitedAsync(() => ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel));

        next.EnsureSuccessStatusCode();
    }

    // The slot is given back as the handler returns, just after it logged the call: a short, bounded retry covers that gap.
    private static async Task<HttpResponseMessage> RetryWhileLimitedAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 20) return response;
            await Task.Delay(TimeSpan.FromMilliseconds(50), Cancel);
        }
    }
}
