using System.Diagnostics;

namespace Ziggie.Bench.Load;

/// <summary>The status and model-list scenarios: GET, read the whole answer, check it is the right one.</summary>
public static class QueryLoad
{
    public static async Task<RunResult> RunAsync(Target target, Scenario scenario, int requests)
    {
        var (path, expect, signedIn) = target.Query(scenario.Kind);
        var latency = new double[requests];
        var wall = await LoadRunner.RunAsync(scenario.Clients, requests, async (i, cancel) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (signedIn) request.Headers.Authorization = target.Token;
            using var response = await target.Client.SendAsync(request, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            latency[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode || !body.Contains(expect, StringComparison.Ordinal))
            {
                throw new BenchFailure($"{target.Name} GET {path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
            }
        });
        return new RunResult(target.Name, scenario, wall, latency, [], 0, null);
    }
}
