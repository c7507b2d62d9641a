using System.Globalization;
using Ziggie.Bench.Load;
using Ziggie.Bench.Report;
using Ziggie.Bench.Servers;

namespace Ziggie.Bench;

/// <summary>
/// Starts the fake Ollama, YARP and Ziggie as child processes, warms them up, then runs every scenario on
/// every target, round after round, the targets' order rotating so none is always first or last.
/// </summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        try
        {
            return options.Nodes ? await NodesRun.MeasureAsync(options) : await MeasureAsync(options);
        }
        catch (BenchFailure failure)
        {
            await Console.Error.WriteLineAsync($"Ziggie.Bench failed: {failure.Message}");
            return 1;
        }
    }

    private static async Task<int> MeasureAsync(BenchOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var loadAtStart = MarkdownReport.LoadAverage();
        await using var ollama = await ChildServer.StartAsync(ServerRole.Ollama,
            F($"tokens={options.Tokens}"), F($"token-delay-ms={options.TokenDelayMs}"), F($"first-token-delay-ms={options.FirstTokenDelayMs}"));
        string[] proxySettings = [$"upstream={ollama.Url}", .. options.Profile ? ["profile"] : Array.Empty<string>()];
        await using var yarp = await ChildServer.StartAsync(ServerRole.Yarp, proxySettings);
        await using var ziggie = await ChildServer.StartAsync(ServerRole.Ziggie, [.. proxySettings, .. options.ZiggieArgs]);
        using var direct = Target.ToOllama(ollama);
        using var viaYarp = Target.ThroughYarp(yarp);
        using var viaZiggie = Target.ThroughZiggie(ziggie);
        Target[] targets = [direct, viaYarp, viaZiggie];
        var scenarios = (from kind in options.Kinds from clients in options.Concurrency select new Scenario(kind, clients)).ToList();
        Console.WriteLine($"Servers up in {clock.Elapsed.TotalSeconds:0.0} s: Ollama (fake) {ollama.Url}, YARP {yarp.Url}, Ziggie {ziggie.Url}. Warming up.");

        var warmUps = await WarmUpAsync(targets, ollama, scenarios, options);
        Console.WriteLine($"Warmed up in {warmUps} pass(es).");

        var results = new List<RunResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (index, scenario) in scenarios.Index())
            {
                foreach (var target in targets.Skip((round + index) % targets.Length).Concat(targets.Take((round + index) % targets.Length)))
                {
                    var result = await RunAsync(target, ollama, scenario, options, warmUp: false);
                    results.Add(result);
                    Console.WriteLine(Progress(round, options.Rounds, result));
                    if (target.Server?.LastProfile is { Length: > 0 } profile) Console.WriteLine($"    sampled allocations: {profile.Replace("|", ", ")}");
                }
            }
        }

        var summaries = results.GroupBy(r => (r.Target, r.Scenario)).Select(g => Summary.Of([.. g])).ToList();
        var report = MarkdownReport.Build(options, summaries, results, clock.Elapsed, (loadAtStart, MarkdownReport.LoadAverage()), new WarmUp(warmUps, JitDuring(results)));
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Out)!);
        await File.WriteAllTextAsync(options.Out, report);
        Console.WriteLine($"Written to {options.Out}");
        return 0;
    }

    /// <summary>
    /// Unmeasured passes over every scenario and target until no proxy is still compiling: tiered compilation
    /// keeps recompiling hot methods in the background for tens of seconds after the first pass, and Ziggie, with
    /// far more code on its path than YARP, was seen spending a third of its CPU in the JIT during the first
    /// measured rounds. A pass counts as settled when each proxy spent under 2 % of its CPU time compiling.
    /// </summary>
    private static async Task<int> WarmUpAsync(Target[] targets, ChildServer ollama, List<Scenario> scenarios, BenchOptions options)
    {
        var passes = options.Quick ? 1 : BenchOptions.MaxWarmUpPasses;
        for (var pass = 1; ; pass++)
        {
            var settled = true;
            var jit = new Dictionary<string, TimeSpan>();
            foreach (var scenario in scenarios)
            {
                foreach (var target in targets)
                {
                    if ((await RunAsync(target, ollama, scenario, options, warmUp: true)).Server is not { } used) continue;
                    jit[target.Name] = jit.GetValueOrDefault(target.Name) + used.JitTime;
                    settled &= !used.StillCompiling;
                }
            }

            Console.WriteLine($"warm-up pass {pass}: JIT {string.Join(", ", jit.Select(j => F($"{j.Key} {j.Value.TotalMilliseconds:0} ms")))}");
            if (settled || pass >= passes) return pass;
        }
    }

    private static string JitDuring(List<RunResult> results) => string.Join(", ", results
        .Where(r => r.Server is not null)
        .GroupBy(r => r.Target)
        .Select(g => (g.Key, Jit: g.Sum(r => r.Server!.JitTime.TotalMilliseconds), Cpu: g.Sum(r => r.Server!.CpuTime.TotalMilliseconds)))
        .Select(t => F($"{t.Key} {t.Jit:0} ms ({100 * t.Jit / Math.Max(1, t.Cpu):0.0} % of its CPU)")));

    private static async Task<RunResult> RunAsync(Target target, ChildServer ollama, Scenario scenario, BenchOptions options, bool warmUp)
    {
        var streams = scenario.IsStream;
        var count = warmUp ? WarmUpCount(scenario, options) : streams ? options.Streams(scenario.Clients) : options.QueryRequests(scenario.Clients);
        // The load generator's own garbage from the last run must not be collected during this one.
        GC.Collect();
        if (!warmUp) await ollama.MarkAsync();
        if (target.Server is { } marked) await marked.MarkAsync();

        var cpu = Environment.CpuUsage.TotalTime;
        var result = streams ? await StreamLoad.RunAsync(target, scenario, count, options.Tokens) : await QueryLoad.RunAsync(target, scenario, count);
        if (warmUp) return result with { Server = target.Server is { } warmed ? await warmed.ReadAsync() : null };
        return result with
        {
            ClientCpu = Environment.CpuUsage.TotalTime - cpu,
            Server = target.Server is { } server ? await server.ReadAsync() : null,
            Ollama = await ollama.ReadAsync(),
        };
    }

    // Quick: a short pass. Full: a whole unmeasured round, so tiered compilation and the connection pools have
    // settled before the first measured run (a short warm-up left the first runs paying for the JIT).
    private static int WarmUpCount(Scenario scenario, BenchOptions options) => scenario.IsStream
        ? options.Quick ? Math.Max(5, scenario.Clients) : options.Streams(scenario.Clients)
        : options.Quick ? Math.Max(100, scenario.Clients) : options.QueryRequests(scenario.Clients);

    private static string Progress(int round, int rounds, RunResult r)
    {
        var line = F($"round {round}/{rounds} {r.Scenario.Kind,-10} {r.Scenario.Clients,3} clients {r.Target,-6} {r.RequestsPerSecond,9:0.0} req/s p50 {RunResult.Percentile(r.LatencyMs, 50),7:0.00} ms p99 {RunResult.Percentile(r.LatencyMs, 99),7:0.00} ms");
        if (r.Scenario.IsStream) line += F($" TTFT p50 {RunResult.Percentile(r.FirstTokenMs, 50):0.00} ms {r.TokensPerSecond:0} tok/s");
        if (r.Server is { } s) line += F($" | proxy {s.AllocatedBytes / r.Units:0} B/unit {s.CpuTime.TotalMicroseconds / r.Units:0.0} µs/unit peak {s.PeakWorkingSetBytes / 1048576.0:0} MB JIT {s.JitTime.TotalMilliseconds:0} ms GC {s.Collections}× {s.GcPause.TotalMilliseconds:0} ms");
        line += F($" | CPU µs/unit: Ollama {r.Ollama!.CpuTime.TotalMicroseconds / r.Units:0.0}, client {r.ClientCpu.TotalMicroseconds / r.Units:0.0}");
        return line;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
