using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Ziggie.Bench.Load;

/// <summary>
/// The streaming scenarios: POST a generate (or an OpenAI chat) with <c>stream:true</c> and read the NDJSON lines
/// (or server-sent events) as they come.
/// </summary>
public static class StreamLoad
{
    private static readonly byte[] Body = """{"model":"llama3.2","prompt":"Why is the sky blue?","stream":true}"""u8.ToArray();
    private static readonly byte[] ChatBody = """{"model":"llama3.2","messages":[{"role":"user","content":"Why is the sky blue?"}],"stream":true}"""u8.ToArray();

    public static async Task<RunResult> RunAsync(Target target, Scenario scenario, int streams, int tokens)
    {
        var latency = new double[streams];
        var firstToken = new double[streams];
        long received = 0;
        var path = target.StreamPath(scenario.Kind);
        var sse = scenario.Kind == ScenarioKind.OpenAiChat;
        var wall = await LoadRunner.RunAsync(scenario.Clients, streams, async (i, cancel) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(sse ? ChatBody : Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = target.Token;
            using var response = await target.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchFailure($"{target.Name} POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancel)}");
            }

            IStreamTally tally = sse ? new SseTally() : new NdjsonTally();
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancel);
                for (var read = await body.ReadAsync(buffer, cancel); read > 0; read = await body.ReadAsync(buffer, cancel))
                {
                    var hadLines = tally.Lines > 0;
                    tally.Add(buffer.AsSpan(0, read));
                    if (!hadLines && tally.Lines > 0) firstToken[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            latency[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (tally.Problem(tokens) is { } problem) throw new BenchFailure($"{target.Name} stream {i}: {problem}");
            Interlocked.Add(ref received, tally.Tokens);
        });
        return new RunResult(target.Name, scenario, wall, latency, firstToken, received, null);
    }
}
