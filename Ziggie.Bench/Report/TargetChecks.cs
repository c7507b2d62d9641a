using System.Globalization;
using Ziggie.Bench.Load;

namespace Ziggie.Bench.Report;

/// <summary>
/// The speed targets against a run's figures. Reported only: nothing fails on a missed target,
/// since a shared two-core machine cannot be held to fixed numbers.
/// </summary>
public static class TargetChecks
{
    public static IEnumerable<(string Target, string Measured, bool? Met)> Check(IReadOnlyList<Summary> all)
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

        var z64 = Find(Target.Ziggie, ScenarioKind.Generate, 64);
        var y64 = Find(Target.Yarp, ScenarioKind.Generate, 64);
        var d64 = Find(Target.Direct, ScenarioKind.Generate, 64);
        yield return z64 is null || y64 is null
            ? ("Streaming, 64 streams: tokens/s ≥ 0.9 × YARP's", "", null)
            : ("Streaming, 64 streams: tokens/s ≥ 0.9 × YARP's", F($"{z64.TokensPerSecond / y64.TokensPerSecond:0.00} × YARP"), z64.TokensPerSecond >= 0.9 * y64.TokensPerSecond);
        yield return z64 is null || d64 is null
            ? ("Streaming, 64 streams: TTFT p50 overhead over direct ≤ 1 ms", "", null)
            : ("Streaming, 64 streams: TTFT p50 overhead over direct ≤ 1 ms", F($"{z64.FirstTokenP50 - d64.FirstTokenP50:+0.00;-0.00} ms ({z64.FirstTokenP50:0.00} vs {d64.FirstTokenP50:0.00})"), z64.FirstTokenP50 - d64.FirstTokenP50 <= 1);

        foreach (var check in DoorChecks(Find)) yield return check;

        foreach (var kind in (ScenarioKind[])[ScenarioKind.Status, ScenarioKind.Models])
        {
            var route = new Scenario(kind, 1).Route;
            var pairs = Pairs(kind, Target.Direct).ToList();
            yield return ($"`{route}` throughput ≥ direct Ollama's", string.Join(", ", pairs.Select(p => F($"{p.Ziggie.Throughput / p.Other.Throughput:0.00}× at {p.Ziggie.Scenario.Clients}"))),
                pairs.Count == 0 ? null : pairs.All(p => p.Ziggie.Throughput >= p.Other.Throughput));
            var at64 = Find(Target.Ziggie, kind, 64);
            yield return ($"`{route}` p99 < 5 ms at 64 clients", at64 is null ? "" : F($"{at64.LatencyP99:0.00} ms"), at64 is null ? null : at64.LatencyP99 < 5);
        }

        var streams = all.Where(s => s.Target == Target.Ziggie && s.Scenario.Kind == ScenarioKind.Generate).OrderBy(s => s.Scenario.Clients).ToList();
        yield return ("Allocation per streamed token < 1 KB", string.Join(", ", streams.Select(s => F($"{s.AllocatedPerUnit:0} B at {s.Scenario.Clients}"))),
            streams.Count == 0 ? null : streams.All(s => s.AllocatedPerUnit < 1024));
        var z256 = Find(Target.Ziggie, ScenarioKind.Generate, 256);
        yield return ("Working set under 256 streams < 300 MB", z256 is null ? "" : F($"{z256.PeakWorkingSetMb:0} MB"), z256 is null ? null : z256.PeakWorkingSetMb < 300);
    }

    /// <summary>Issue 16 item 8: each door at 64 streams against direct Ollama answering the same stream itself.</summary>
    private static IEnumerable<(string, string, bool?)> DoorChecks(Func<string, ScenarioKind, int, Summary?> find)
    {
        foreach (var (kind, route) in new[] { (ScenarioKind.OllamaDoor, "/ollama/api/generate"), (ScenarioKind.OpenAiChat, "/v1/chat/completions") })
        {
            var (z, d) = (find(Target.Ziggie, kind, 64), find(Target.Direct, kind, 64));
            var name = $"`{route}` streaming, 64 streams: tokens/s ≥ 0.9 × direct's";
            yield return z is null || d is null ? (name, "", null) : (name, F($"{z.TokensPerSecond / d.TokensPerSecond:0.00} × direct"), z.TokensPerSecond >= 0.9 * d.TokensPerSecond);
            name = $"`{route}` streaming, 64 streams: TTFT p50 overhead over direct ≤ 1 ms";
            yield return z is null || d is null ? (name, "", null)
                : (name, F($"{z.FirstTokenP50 - d.FirstTokenP50:+0.00;-0.00} ms ({z.FirstTokenP50:0.00} vs {d.FirstTokenP50:0.00})"), z.FirstTokenP50 - d.FirstTokenP50 <= 1);
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
