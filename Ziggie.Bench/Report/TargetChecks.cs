using System.Globalization;
using Ziggie.Bench.Load;

namespace Ziggie.Bench.Report;

/// <summary>How a run's figure stands against a target.</summary>
public enum Verdict { NotRun, Met, Missed, NotToldApart, TooFewRounds }

/// <summary>
/// The issues' speed targets against a run's figures. Reported only: nothing fails on a missed target, since a shared
/// two-core machine cannot be held to fixed numbers. A target against another proxy is judged on the rounds' paired
/// figures (<see cref="RoundFigure"/>): met or missed only when the whole confidence interval says so.
/// </summary>
public static class TargetChecks
{
    public static IEnumerable<(string Target, string Measured, Verdict Verdict)> Check(IReadOnlyList<Summary> all, IReadOnlyList<RunResult> runs, bool paced)
    {
        Summary? Find(string target, ScenarioKind kind, int clients) =>
            all.FirstOrDefault(s => s.Target == target && s.Scenario.Kind == kind && s.Scenario.Clients == clients);
        IEnumerable<(Summary Ziggie, Summary Other)> Pairs(ScenarioKind kind, string other) =>
            from z in all
            where z.Target == Target.Ziggie && z.Scenario.Kind == kind
            let o = Find(other, kind, z.Scenario.Clients)
            where o is not null
            orderby z.Scenario.Clients
            select (z, o);

        foreach (var check in PairedChecks(runs, paced)) yield return check;

        var z64 = Find(Target.Ziggie, ScenarioKind.Generate, 64);
        var d64 = Find(Target.Direct, ScenarioKind.Generate, 64);
        const string overDirect = "Streaming, 64 streams: TTFT p50 overhead over direct ≤ 1 ms";
        yield return z64 is null || d64 is null
            ? (overDirect, "", Verdict.NotRun)
            : (overDirect, F($"{z64.FirstTokenP50 - d64.FirstTokenP50:+0.00;-0.00} ms ({z64.FirstTokenP50:0.00} vs {d64.FirstTokenP50:0.00}, medians)"), Of(z64.FirstTokenP50 - d64.FirstTokenP50 <= 1));

        foreach (var kind in (ScenarioKind[])[ScenarioKind.Status, ScenarioKind.Models])
        {
            var route = new Scenario(kind, 1).Route;
            var pairs = Pairs(kind, Target.Direct).ToList();
            yield return ($"`{route}` throughput ≥ direct Ollama's", string.Join(", ", pairs.Select(p => F($"{p.Ziggie.Throughput / p.Other.Throughput:0.00}× at {p.Ziggie.Scenario.Clients}"))),
                pairs.Count == 0 ? Verdict.NotRun : Of(pairs.All(p => p.Ziggie.Throughput >= p.Other.Throughput)));
            var at64 = Find(Target.Ziggie, kind, 64);
            yield return ($"`{route}` p99 < 5 ms at 64 clients", at64 is null ? "" : F($"{at64.LatencyP99:0.00} ms"), at64 is null ? Verdict.NotRun : Of(at64.LatencyP99 < 5));
        }

        var streams = all.Where(s => s.Target == Target.Ziggie && s.Scenario.Kind == ScenarioKind.Generate).OrderBy(s => s.Scenario.Clients).ToList();
        yield return ("Allocation per streamed token < 1 KB", string.Join(", ", streams.Select(s => F($"{s.AllocatedPerUnit:0} B at {s.Scenario.Clients}"))),
            streams.Count == 0 ? Verdict.NotRun : Of(streams.All(s => s.AllocatedPerUnit < 1024)));
        var z256 = Find(Target.Ziggie, ScenarioKind.Generate, 256);
        yield return ("Working set under 256 streams < 300 MB", z256 is null ? "" : F($"{z256.PeakWorkingSetMb:0} MB"), z256 is null ? Verdict.NotRun : Of(z256.PeakWorkingSetMb < 300));
    }

    /// <summary>
    /// Issue 15 (Ziggie's own route against YARP) and issue 16 item 8 (each door against direct Ollama answering the
    /// same stream, its time to first token within the same bound as Ziggie's own route), round by round. A door's tokens/s
    /// against direct is judged in a paced run only: with no delay between tokens the fake and the proxy share the two cores,
    /// and no proxy comes near direct's figure (YARP makes about 0.8 ×); real models send 20–100 tokens/s per stream.
    /// </summary>
    private static IEnumerable<(string, string, Verdict)> PairedChecks(IReadOnlyList<RunResult> runs, bool paced)
    {
        double[] Rounds(string target, ScenarioKind kind, int clients, Func<RunResult, double> figure) =>
            [.. runs.Where(r => r.Target == target && r.Scenario.Kind == kind && r.Scenario.Clients == clients).Select(figure)];
        static double Ttft(RunResult r) => RunResult.Percentile(r.FirstTokenMs, 50);
        static double TokensPerSecond(RunResult r) => r.TokensPerSecond;

        (string, string, Verdict) Compare(string name, string other, ScenarioKind kind, int clients, Func<RunResult, double> figure, Func<RoundFigure, bool?> judge)
        {
            var ratio = RoundFigure.Ratio(Rounds(Target.Ziggie, kind, clients, figure), Rounds(other, kind, clients, figure));
            return ratio is null ? (name, "", Verdict.NotRun) : (name, $"{ratio} {other}'s", Judge(ratio, judge));
        }

        yield return Compare("`/api/llm/generate`, 64 streams: TTFT p50 ≤ 1.1 × YARP's", Target.Yarp, ScenarioKind.Generate, 64, Ttft, f => f.AtMost(1.1));
        foreach (var clients in (int[])[64, 256])
        {
            yield return Compare($"`/api/llm/generate`, {clients} streams: tokens/s ≥ 0.95 × YARP's", Target.Yarp, ScenarioKind.Generate, clients, TokensPerSecond, f => f.AtLeast(0.95));
        }

        foreach (var (kind, route) in new[] { (ScenarioKind.OllamaDoor, "/ollama/api/generate"), (ScenarioKind.OpenAiChat, "/v1/chat/completions") })
        {
            var tokens = Compare($"`{route}`, 64 streams, paced: tokens/s ≥ 0.9 × direct's", Target.Direct, kind, 64, TokensPerSecond, f => f.AtLeast(0.9));
            yield return paced || tokens.Item3 == Verdict.NotRun ? tokens : (tokens.Item1, $"unpaced run: {tokens.Item2}", Verdict.NotRun);
            yield return Compare($"`{route}`, 64 streams: TTFT p50 ≤ 1.1 × YARP's", Target.Yarp, kind, 64, Ttft, f => f.AtMost(1.1));
        }
    }

    /// <summary>The verdict on <paramref name="figure"/>, or too few rounds to give one.</summary>
    public static Verdict Judge(RoundFigure figure, Func<RoundFigure, bool?> judge) =>
        figure.CanJudge ? From(judge(figure)) : Verdict.TooFewRounds;

    /// <summary>Met, missed, or (null) not told apart from the noise.</summary>
    public static Verdict From(bool? met) => met switch
    {
        true => Verdict.Met,
        false => Verdict.Missed,
        null => Verdict.NotToldApart,
    };

    public static string Describe(Verdict verdict) => verdict switch
    {
        Verdict.Met => "met",
        Verdict.Missed => "**missed**",
        Verdict.NotToldApart => "not told apart from the noise",
        Verdict.TooFewRounds => "too few rounds to judge (5 or more)",
        _ => "not run",
    };

    private static Verdict Of(bool met) => met ? Verdict.Met : Verdict.Missed;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
