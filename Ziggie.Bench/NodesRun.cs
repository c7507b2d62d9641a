using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Ziggie.Bench.Load;
using Ziggie.Bench.Report;
using Ziggie.Bench.Servers;

namespace Ziggie.Bench;

/// <summary>
/// The several-nodes run (<c>--nodes</c>, docs/performance.md): two paced fake Ollama nodes, each running at most
/// <see cref="BenchOptions.NodeParallel"/> generations at once (its OLLAMA_NUM_PARALLEL; later ones queue) and
/// decoding them in steps as Ollama's batches do (<c>FakeOllama.DecodeInSteps</c>), one Ziggie
/// over node A alone and one over A and B. Measured: tokens/s at 256 streams (two nodes against one), TTFT p50 at
/// 64 streams (no queue on either: what routing itself adds), and where a burst at a model only B has loaded lands.
/// </summary>
public static class NodesRun
{
    private const string BurstModel = "qwen2.5:0.5b";

    public static async Task<int> MeasureAsync(BenchOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var loadAtStart = MarkdownReport.LoadAverage();
        string[] pacing = [F($"tokens={options.Tokens}"), F($"token-delay-ms={options.TokenDelayMs}"),
            F($"first-token-delay-ms={options.FirstTokenDelayMs}"), F($"parallel={options.NodeParallel}"), "decode-in-steps"];
        // Both have the burst model on disk; only B has it in memory.
        await using var a = await ChildServer.StartAsync(ServerRole.Ollama, [.. pacing, $"models={BurstModel}"]);
        await using var b = await ChildServer.StartAsync(ServerRole.Ollama, [.. pacing, $"load={BurstModel}"]);
        var nodeParallel = F($"node-parallel={options.NodeParallel}");
        await using var one = await ChildServer.StartAsync(ServerRole.Ziggie, [$"upstream={a.Url}", nodeParallel, .. options.ZiggieArgs]);
        await using var two = await ChildServer.StartAsync(ServerRole.Ziggie, [$"upstream={a.Url}", $"upstream-1={b.Url}", nodeParallel, .. options.ZiggieArgs]);
        using var viaOne = Target.ThroughZiggie(one);
        using var viaTwo = Target.ThroughZiggie(two);
        Console.WriteLine($"Servers up in {clock.Elapsed.TotalSeconds:0.0} s: nodes {a.Url} and {b.Url}, Ziggie over one {one.Url}, over two {two.Url}.");

        // 64 streams measure what routing adds to the time to first token, 256 what a second node adds to tokens/s;
        // --clients 64 runs the first alone, for the many rounds a 1 ms bound needs on this machine.
        int[] clients = [.. new[] { 64, 256 }.Where(options.Concurrency.Contains)];
        if (clients.Length == 0) throw new BenchFailure("--nodes measures at 64 and/or 256 streams: --clients 64,256 (the default), 64 or 256.");
        // As in the main run (BenchRun.WarmUpAsync): until neither Ziggie is still compiling its hot path.
        for (var pass = 1; ; pass++)
        {
            var jit = new List<string>();
            var settled = true;
            foreach (var target in new[] { viaOne, viaTwo })
            {
                await target.Server!.MarkAsync();
                foreach (var c in clients) await StreamLoad.RunAsync(target, new Scenario(ScenarioKind.Generate, c), Math.Max(5, c), options.Tokens);
                var used = await target.Server.ReadAsync();
                settled &= !used.StillCompiling;
                jit.Add(F($"{used.JitTime.TotalMilliseconds:0} ms"));
            }

            Console.WriteLine($"warm-up pass {pass}: JIT over one node {jit[0]}, over two {jit[1]}");
            if (settled || options.Quick || pass >= BenchOptions.MaxWarmUpPasses) break;
        }

        var results = new List<(string Nodes, RunResult Result)>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var c in clients)
            {
                foreach (var (name, target) in round % 2 == 0 ? new[] { ("two", viaTwo), ("one", viaOne) } : [("one", viaOne), ("two", viaTwo)])
                {
                    var result = await StreamLoad.RunAsync(target, new Scenario(ScenarioKind.Generate, c), options.Streams(c), options.Tokens);
                    results.Add((name, result));
                    Console.WriteLine(F($"round {round}/{options.Rounds} {c,3} streams, {name} node(s): TTFT p50 {RunResult.Percentile(result.FirstTokenMs, 50):0.00} ms, {result.TokensPerSecond:0} tok/s"));
                }
            }
        }

        var burst = await BurstAsync(viaTwo, 64);
        var report = Report(options, clients, results, burst, clock.Elapsed, (loadAtStart, MarkdownReport.LoadAverage()));
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Out)!);
        await File.WriteAllTextAsync(options.Out, report);
        Console.WriteLine($"Written to {options.Out}");
        return 0;
    }

    /// <summary><paramref name="streams"/> whole generates at the burst model at once; the nodes that answered, counted from <c>X-Ziggie-Ollama</c>.</summary>
    private static async Task<IReadOnlyDictionary<string, int>> BurstAsync(Target target, int streams)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.StreamPath(ScenarioKind.Generate)) { Content = JsonContent.Create(new { model = BurstModel, prompt = "Burst", stream = false }) };
            request.Headers.Authorization = target.Token;
            using var response = await target.Client.SendAsync(request);
            if (!response.IsSuccessStatusCode) throw new BenchFailure($"burst answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return response.Headers.GetValues("X-Ziggie-Ollama").Single();
        }));
        return answers.GroupBy(n => n).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
    }

    private static string Report(BenchOptions options, int[] clients, List<(string Nodes, RunResult Result)> results, IReadOnlyDictionary<string, int> burst,
        TimeSpan elapsed, (string Start, string End) load)
    {
        double[] Rounds(string nodes, int streams, Func<RunResult, double> figure) =>
            [.. results.Where(r => r.Nodes == nodes && r.Result.Scenario.Clients == streams).Select(r => figure(r.Result))];
        double Median(string nodes, int streams, Func<RunResult, double> figure) =>
            RoundFigure.Of(Rounds(nodes, streams, figure), "")?.Median ?? double.NaN;
        double Ttft(RunResult r) => RunResult.Percentile(r.FirstTokenMs, 50);
        double Tps(RunResult r) => r.TokensPerSecond;
        // Round by round (both Ziggies run in each round, straight after each other): RoundFigure says whether the
        // difference is told apart from the machine's noise.
        var ratio = RoundFigure.Ratio(Rounds("two", 256, Tps), Rounds("one", 256, Tps));
        var added = RoundFigure.Difference(Rounds("two", 64, Ttft), Rounds("one", 64, Ttft), " ms");
        var text = new StringBuilder();
        text.AppendLine(F($"Ziggie.Bench --nodes: {options.Rounds} rounds, {options.Tokens} tokens per stream, token delay {options.TokenDelayMs} ms, first token {options.FirstTokenDelayMs} ms, {options.NodeParallel} generations at once per node; {elapsed.TotalSeconds:0} s; load average {load.Start} → {load.End}."));
        text.AppendLine();
        text.AppendLine("| streams | nodes | TTFT p50 (ms) | tokens/s |");
        text.AppendLine("| ---: | ---: | ---: | ---: |");
        foreach (var streams in clients)
        {
            foreach (var nodes in new[] { "one", "two" })
            {
                text.AppendLine(F($"| {streams} | {(nodes == "one" ? 1 : 2)} | {Median(nodes, streams, Ttft):0.00} | {Median(nodes, streams, Tps):0} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("| target | goal | measured | met |");
        text.AppendLine("| --- | --- | ---: | --- |");
        text.AppendLine(F($"| tokens/s at 256 streams, two nodes ÷ one | ≥ 1.8 | {ratio} | {TargetChecks.Describe(ratio is null ? Verdict.NotRun : TargetChecks.Judge(ratio, f => f.AtLeast(1.8)))} |"));
        text.AppendLine(F($"| TTFT p50 at 64 streams, two nodes − one | ≤ 1 ms | {added} | {TargetChecks.Describe(added is null ? Verdict.NotRun : TargetChecks.Judge(added, f => f.AtMost(1)))} |"));
        text.AppendLine(F($"| burst of 64 at {BurstModel} (loaded on ollama-1 only) | all on ollama-1 | {string.Join(", ", burst.Select(kv => $"{kv.Key}: {kv.Value}"))} | {(burst.Keys.SequenceEqual(["ollama-1"]) ? "yes" : "no")} |"));
        return text.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
