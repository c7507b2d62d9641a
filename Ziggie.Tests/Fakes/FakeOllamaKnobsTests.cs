using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace Ziggie.Tests.Fakes;

// The knobs tests turn: gates, cancellation, disconnects, malformed lines, stop and restart, slow answers.
public sealed partial class FakeOllamaTests
{
    [Fact]
    public async Task A_gate_proves_a_chunk_reached_the_client_before_the_next_was_written()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        var gate = fake.HoldBeforeChunk(1);

        using var response = await SendStreamingAsync(http, "api/generate", new { model = "llama3.2", prompt = "hi" }, Ct).WaitAsync(Timeout, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct).WaitAsync(Timeout, Ct));
        var first = await reader.ReadLineAsync(Ct).AsTask().WaitAsync(Timeout, Ct);
        await gate.Reached.WaitAsync(Timeout, Ct);
        var request = await fake.WaitForRequestAsync("/api/generate", Ct).WaitAsync(Timeout, Ct);

        Assert.Contains("\"Hello\"", first);
        Assert.Equal(1, request.ChunksWritten);
        gate.Release();
        var rest = await reader.ReadToEndAsync(Ct).WaitAsync(Timeout, Ct);
        Assert.Equal(fake.TokenCount, rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task A_client_cancelling_mid_stream_marks_the_request_aborted_at_once(bool heldAtGate, bool decodeInSteps)
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        // Either way the fake sits idle after the first chunk: at a one-minute pause (its own, or the shared decode
        // step's), or at a gate nobody releases.
        fake.DecodeInSteps = decodeInSteps;
        if (heldAtGate) fake.HoldBeforeChunk(1);
        else fake.TokenDelay = TimeSpan.FromMinutes(1);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        using var response = await SendStreamingAsync(http, "api/chat", new { model = "llama3.2", messages = new[] { new { role = "user", content = "hi" } } }, cancel.Token).WaitAsync(Timeout, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token).WaitAsync(Timeout, Ct));
        await reader.ReadLineAsync(cancel.Token).AsTask().WaitAsync(Timeout, Ct);
        var request = await fake.WaitForRequestAsync("/api/chat", Ct).WaitAsync(Timeout, Ct);
        var waitingForSecondToken = reader.ReadLineAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waitingForSecondToken).WaitAsync(Timeout, Ct);
        await request.Completed.WaitAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.True(request.Aborted);
        Assert.Equal(1, request.ChunksWritten);
    }

    [Fact]
    public async Task Decoding_in_steps_streams_every_token_of_answers_running_together()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        fake.DecodeInSteps = true;
        fake.TokenDelay = TimeSpan.FromMilliseconds(5);
        fake.TokenCount = 8;

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await SendStreamingAsync(http, "api/generate", new { model = "llama3.2", prompt = "hi" }, Ct).WaitAsync(Timeout, Ct);
            return (await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }));

        Assert.All(answers, lines =>
        {
            Assert.Equal(9, lines.Length);
            Assert.True(JsonDocument.Parse(lines[^1]).RootElement.GetProperty("done").GetBoolean());
        });
    }

    [Fact]
    public async Task Chunked_request_bodies_are_accepted()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        var content = JsonContent.Create(new { model = "llama3.2", prompt = "chunked hi", stream = false });

        using var response = await http.PostAsync("api/generate", content, Ct).WaitAsync(Timeout, Ct);
        var request = await fake.WaitForRequestAsync("/api/generate", Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chunked", request.Headers["Transfer-Encoding"]);
        Assert.Equal("chunked hi", request.Json!.Value.GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Disconnect_after_chunks_makes_the_client_see_an_io_error()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        fake.DisconnectAfterChunks = 2;

        using var response = await SendStreamingAsync(http, "api/generate", new { model = "llama3.2", prompt = "hi" }, Ct).WaitAsync(Timeout, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct).WaitAsync(Timeout, Ct));
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            while (await reader.ReadLineAsync(Ct) is { } line) received.Add(line);
        }).WaitAsync(Timeout, Ct);
        Assert.Equal(2, received.Count);
        Assert.True((await fake.WaitForRequestAsync("/api/generate", Ct).WaitAsync(Timeout, Ct)).Aborted);
        await Assert.ThrowsAnyAsync<IOException>(() => CollectAsync(OllamaFor(fake).GenerateAsync("hi", cancellationToken: Ct))).WaitAsync(Timeout, Ct);
    }

    [Fact]
    public async Task A_malformed_line_follows_the_first_chunk()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        fake.SendMalformedLine = true;

        using var response = await http.PostAsync("api/generate", JsonContent.Create(new { model = "llama3.2", prompt = "hi" }), Ct).WaitAsync(Timeout, Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct).WaitAsync(Timeout, Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        JsonDocument.Parse(lines[0]).Dispose();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(lines[1]));
    }

    [Fact]
    public async Task Stopping_drops_a_stream_in_flight_and_restart_serves_on_the_same_port()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = HttpFor(fake);
        var address = fake.BaseAddress;
        fake.TokenDelay = TimeSpan.FromMinutes(1);
        using var response = await SendStreamingAsync(http, "api/generate", new { model = "llama3.2", prompt = "hi" }, Ct).WaitAsync(Timeout, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct).WaitAsync(Timeout, Ct));
        await reader.ReadLineAsync(Ct).AsTask().WaitAsync(Timeout, Ct);

        await fake.StopAsync().WaitAsync(Timeout, Ct);

        await Assert.ThrowsAnyAsync<IOException>(() => reader.ReadToEndAsync(Ct)).WaitAsync(Timeout, Ct);
        Assert.True((await fake.WaitForRequestAsync("/api/generate", Ct).WaitAsync(Timeout, Ct)).Aborted);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("api/version", Ct)).WaitAsync(Timeout, Ct);

        await fake.RestartAsync(Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(address, fake.BaseAddress);
        Assert.Equal("0.12.11", await OllamaFor(fake).GetVersionAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Fact]
    public async Task A_slow_version_endpoint_lets_a_client_time_out()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress, Timeout = TimeSpan.FromMilliseconds(200) };
        fake.VersionDelay = TimeSpan.FromMinutes(1);

        await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetAsync("api/version", Ct)).WaitAsync(Timeout, Ct);

        var request = await fake.WaitForRequestAsync("/api/version", Ct).WaitAsync(Timeout, Ct);
        await request.Completed.WaitAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.True(request.Aborted);
    }

    [Fact]
    public async Task Waiting_for_a_request_sees_past_and_future_ones()
    {
        await using var fake = await FakeOllama.StartAsync(Ct).WaitAsync(Timeout, Ct);
        var ollama = OllamaFor(fake);
        await ollama.ListLocalModelsAsync(Ct).WaitAsync(Timeout, Ct);

        var past = await fake.WaitForRequestAsync("/api/tags", Ct).WaitAsync(Timeout, Ct);
        var future = fake.WaitForRequestAsync("/api/ps", Ct);
        Assert.False(future.IsCompleted);
        await ollama.ListRunningModelsAsync(Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(("GET", "/api/tags"), (past.Method, past.Path));
        Assert.Equal("/api/ps", (await future.WaitAsync(Timeout, Ct)).Path);
        Assert.Equal(2, fake.Requests.Count);
    }
}
