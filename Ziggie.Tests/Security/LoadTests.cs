using System.Net;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>
/// A bounded load on loopback: 500 concurrent status requests and 100 concurrent streams against the
/// fake Ollama, twice. Nothing may be lost or fail outside the contract, and the second round must not
/// leave more memory behind than the first (pools fill once; a leak grows every round). Speed is
/// measured by Ziggie.Bench, not asserted here.
/// </summary>
public class LoadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_hundred_status_requests_and_a_hundred_streams_at_once_all_succeed_and_leave_no_leak()
    {
        await using var ziggie = await TestBackend.StartAsync(
            ("Ziggie:RateLimits:GenerationsPerMinute", "1000"),
            ("Ziggie:Limits:ConcurrentGenerationsPerUser", "100"));
        ziggie.Ollama.TokenCount = 50;

        var start = SettledMemory();
        await RoundAsync(ziggie, "first");
        var afterFirst = SettledMemory();
        await RoundAsync(ziggie, "second");
        var afterSecond = SettledMemory();

        Assert.Equal(200, ziggie.Generations.Entries.Count); // every stream logged: none lost
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"managed heap after full collections: start {Mb(start)}, after round 1 {Mb(afterFirst)}, after round 2 {Mb(afterSecond)}");
        Assert.True(afterSecond - afterFirst < 16 * 1024 * 1024, $"The second round left {Mb(afterSecond - afterFirst)} more behind than the first");
    }

    private static async Task RoundAsync(TestBackend ziggie, string round)
    {
        // Clients of their own, closed after the round: their connections are not the backend's to free.
        using var anonymous = ziggie.ClientWithToken("");
        anonymous.DefaultRequestHeaders.Authorization = null;
        using var user = ziggie.ClientFor("user", $"loader-{round}");

        var statuses = Enumerable.Range(0, 500).Select(_ => anonymous.GetAsync("/api/llm/status", Cancel)).ToArray();
        var streams = Enumerable.Range(0, 100).Select(_ => StreamAsync(user)).ToArray();
        var statusResults = await Task.WhenAll(statuses).WaitAsync(TimeSpan.FromMinutes(2), Cancel);
        var streamResults = await Task.WhenAll(streams).WaitAsync(TimeSpan.FromMinutes(2), Cancel);

        Assert.All(statusResults, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(streamResults, lines => Assert.Equal(51, lines));
        foreach (var response in statusResults) response.Dispose();
    }

    private static async Task<int> StreamAsync(HttpClient client)
    {
        using var response = await client.PostStreamingAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi", stream = true });
        response.EnsureSuccessStatusCode();
        var lines = await (await response.ReaderAsync()).ReadAllLinesAsync();
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        return lines.Count;
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024:F1} MB";
}
