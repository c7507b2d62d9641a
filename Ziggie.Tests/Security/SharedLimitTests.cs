using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>Two replicas sharing one real Redis hold each user and each address to one set of limits.</summary>
public class SharedLimitTests(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly object Stream = new { model = "llama3.2", prompt = "hi", stream = true };

    [Fact]
    public async Task A_users_fourth_concurrent_stream_is_refused_whichever_replica_it_reaches()
    {
        var (onA, onB) = replicas.NewUser();
        using var slow = SlowStreams();
        using var first = await StartStreamAsync(onA);
        using var second = await StartStreamAsync(onB);
        using var third = await StartStreamAsync(onA);

        var fourthOnA = await onA.PostAsJsonAsync("/api/llm/generate", Stream, Cancel);
        var fourthOnB = await onB.PostAsJsonAsync("/api/llm/generate", Stream, Cancel);
        var otherUser = await StartStreamAsync(replicas.NewUser().OnB);

        Assert.Contains("ConcurrentGenerationsPerUser", (await Problems.ReadAsync(fourthOnA, 429)).Detail);
        Assert.Contains("ConcurrentGenerationsPerUser", (await Problems.ReadAsync(fourthOnB, 429)).Detail);
        otherUser.Dispose();
    }

    [Fact]
    public async Task A_slot_taken_on_one_replica_comes_back_when_its_stream_ends_or_aborts()
    {
        var (onA, onB) = replicas.NewUser();
        using (SlowStreams())
        {
            using var held = await StartStreamAsync(onA);
            using var alsoHeld = await StartStreamAsync(onA);
            using (await StartStreamAsync(onA))
            {
                // Full on both replicas while the third stream runs.
                await Problems.ReadAsync(await onB.PostAsJsonAsync("/api/llm/generate", Stream, Cancel), 429);
            }

            // The caller left mid-stream: its slot comes back as the handler ends.
            using var replacement = await RetryWhileLimitedAsync(() => StartStreamAsync(onB));
            Assert.Equal(HttpStatusCode.OK, replacement.StatusCode);
        }

        // Streams that end normally give theirs back too: three short answers in a row, then a fourth, on either replica.
        for (var i = 0; i < 3; i++) (await RetryWhileLimitedAsync(() => onA.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel))).EnsureSuccessStatusCode();
        (await RetryWhileLimitedAsync(() => onB.PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_sign_in_limit_counts_attempts_on_both_replicas()
    {
        for (var i = 0; i < TwoReplicas.LoginsPerMinute; i++)
        {
            var attempt = await Login(i % 2 == 0 ? replicas.A : replicas.B);
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        var onA = await Login(replicas.A);
        var onB = await Login(replicas.B);

        Assert.Contains("LoginsPerMinute", (await Problems.ReadAsync(onA, 429)).Detail);
        Assert.Contains("LoginsPerMinute", (await Problems.ReadAsync(onB, 429)).Detail);
        Assert.NotNull(onB.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_pull_started_on_one_replica_shows_on_both()
    {
        const string model = "qwen2.5:0.5b";
        replicas.A.Ollama.PullSteps = 4;
        var gate = replicas.A.Ollama.HoldBeforeChunk(2);
        using var pull = await replicas.NewUser(Roles.Admin).OnA.PostStreamingAsync("/api/llm/models/pull", new { model });
        pull.EnsureSuccessStatusCode();
        await gate.Reached.WaitAsync(Ndjson.Timeout, Cancel);

        var onA = await PullsAsync(replicas.A, p => p.Any(m => m == model));
        var onB = await PullsAsync(replicas.B, p => p.Any(m => m == model));
        gate.Release();
        await (await pull.ReaderAsync()).ReadAllLinesAsync();
        var afterOnB = await PullsAsync(replicas.B, p => !p.Contains(model));

        Assert.Contains(model, onA);
        Assert.Contains(model, onB);
        Assert.DoesNotContain(model, afterOnB);
    }

    [Fact]
    public async Task Both_replicas_say_their_state_is_shared_and_where_without_the_password()
    {
        var (adminOnA, adminOnB) = replicas.NewUser(Roles.Admin);
        foreach (var (replica, admin) in new[] { (replicas.A, adminOnA), (replicas.B, adminOnB) })
        {
            var status = await replica.Anonymous.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);
            var detailed = await admin.GetFromJsonAsync<JsonElement>("/health/detailed", Cancel);

            var port = replicas.ConnectionString.Split(',')[0];
            Assert.Equal("shared", status.GetProperty("state").GetProperty("mode").GetString());
            Assert.Equal(port, status.GetProperty("state").GetProperty("store").GetString());
            Assert.Equal("shared", detailed.GetProperty("state").GetProperty("mode").GetString());
            Assert.Equal("healthy", detailed.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString());
        }
    }

    private static async Task<HttpResponseMessage> StartStreamAsync(HttpClient client)
    {
        var response = await client.PostStreamingAsync("/api/llm/generate", Stream);
        if (response.IsSuccessStatusCode) await (await response.ReaderAsync()).ReadJsonLineAsync(); // running: it holds its slot
        return response;
    }

    // Streams that stay open (one token, then a long pause) on both replicas' Ollama, until disposed.
    private IDisposable SlowStreams()
    {
        replicas.A.Ollama.TokenDelay = replicas.B.Ollama.TokenDelay = TimeSpan.FromMinutes(5);
        return new Restore(() => replicas.A.Ollama.TokenDelay = replicas.B.Ollama.TokenDelay = TimeSpan.Zero);
    }

    private static Task<HttpResponseMessage> Login(TestBackend replica) =>
        replica.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password" }, Cancel);

    // Pull progress is written to Redis without waiting for the answer: a short, bounded retry until the other replica reads it.
    private static async Task<IReadOnlyList<string>> PullsAsync(TestBackend replica, Func<IReadOnlyList<string>, bool> until)
    {
        for (var attempt = 0; ; attempt++)
        {
            var status = await replica.Anonymous.GetFromJsonAsync<JsonElement>("/api/llm/status", Cancel);
            IReadOnlyList<string> models = [.. status.GetProperty("pulls").EnumerateArray().Select(p => p.GetProperty("model").GetString()!)];
            if (until(models) || attempt == 40) return models;
            await Task.Delay(TimeSpan.FromMilliseconds(50), Cancel);
        }
    }

    // A slot is given back as the handler returns: just after the caller saw the end, or, for a caller that left mid-stream,
    // once HttpClient gives up draining the response (2 s) and closes the connection. A bounded retry covers that gap.
    private static async Task<HttpResponseMessage> RetryWhileLimitedAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 200) return response;
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(50), Cancel);
        }
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
