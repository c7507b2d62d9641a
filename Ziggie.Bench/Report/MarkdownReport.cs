using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Ziggie.Bench.Load;

namespace Ziggie.Bench.Report;

/// <summary>The tables a run prints and writes: queries, streams, and the issue's targets with what was measured.</summary>
public static class MarkdownReport
{
    /// <param name="load">The OS's load averages at the start and the end, which say how busy the machine was with other work.</param>
    public static string Build(BenchOptions options, IReadOnlyList<Summary> summaries, IReadOnlyList<RunResult> runs, TimeSpan took, (string Start, string End) load, WarmUp warmUp)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Ziggie.Bench results{(options.Quick ? " (--quick)" : "")}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine()}; took {took.TotalSeconds:0} s; load average (1, 5, 15 min) {load.Start} at the start, {load.End} at the end.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Medians of {options.Rounds} interleaved round(s) after {warmUp.Passes} unmeasured warm-up pass(es){(options.Quick ? " (--quick: one, whatever the JIT still does)" : ", until each proxy spent under 2 % of its CPU in the JIT")}; peak memory is the highest of the rounds.");
        md.AppendLine(CultureInfo.InvariantCulture, $"JIT during the measured rounds: {warmUp.JitDuringRounds}.");
        md.AppendLine("Server columns are the proxy's own process (YARP or the Ziggie backend); direct has none. How it is measured: docs/performance.md.").AppendLine();

        md.AppendLine("## Status and model list").AppendLine();
        md.AppendLine("Direct and YARP are asked Ollama's `/api/version` and `/api/tags`; Ziggie its `/api/llm/status` (anonymous) and `/api/llm/models` (bearer token).").AppendLine();
        md.AppendLine("| route | clients | target | req/s | p50 ms | p99 ms | peak WS MB | alloc B/req | CPU µs/req | ×direct | ×YARP |");
        md.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var s in Ordered(summaries, k => !new Scenario(k, 1).IsStream))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Scenario.Route} | {s.Scenario.Clients} | {s.Target} | {s.RequestsPerSecond:0} | {s.LatencyP50:0.00} | {s.LatencyP99:0.00} | {Server(s)} | {Ratios(s, summaries)} |");
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"## Streaming: {options.Tokens} tokens per stream, {options.TokenDelayMs} ms between tokens, {options.FirstTokenDelayMs} ms before the first").AppendLine();
        md.AppendLine("Direct and YARP are asked Ollama's `/api/generate` for Ziggie's `/api/llm/generate` and `/ollama/api/generate`, and Ollama's own `/v1/chat/completions` for Ziggie's.").AppendLine();
        md.AppendLine("| route | streams | target | streams/s | tokens/s | p50 ms | p99 ms | TTFT p50 ms | TTFT p99 ms | peak WS MB | alloc B/token | CPU µs/token | ×direct | ×YARP |");
        md.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var s in Ordered(summaries, k => new Scenario(k, 1).IsStream))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Scenario.Route} | {s.Scenario.Clients} | {s.Target} | {s.RequestsPerSecond:0.0} | {s.TokensPerSecond:0} | {s.LatencyP50:0.0} | {s.LatencyP99:0.0} | {s.FirstTokenP50:0.00} | {s.FirstTokenP99:0.00} | {Server(s)} | {Ratios(s, summaries)} |");
        }

        md.AppendLine().AppendLine("×direct, ×YARP: the target's throughput (req/s, or tokens/s for streams) divided by direct's or YARP's; 1.00 is as fast.");
        if (summaries.Any(s => !s.PeakPerScenario)) md.AppendLine("Peak WS is the process's peak since it started: this OS could not reset it per scenario.");
        md.AppendLine().AppendLine("## The issue's targets").AppendLine();
        md.AppendLine("Against another proxy: the median of the rounds' paired figures (each round runs both straight after each other) and");
        md.AppendLine("its confidence interval; met or missed when the whole interval is, else not told apart from this machine's noise.").AppendLine();
        md.AppendLine("| target | measured | |").AppendLine("|---|---|---|");
        foreach (var (target, measured, verdict) in TargetChecks.Check(summaries, runs, paced: options.TokenDelayMs > 0))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {measured} | {TargetChecks.Describe(verdict)} |");
        }

        return md.ToString();
    }

    private static IEnumerable<Summary> Ordered(IEnumerable<Summary> summaries, Func<ScenarioKind, bool> kinds) => summaries
        .Where(s => kinds(s.Scenario.Kind))
        .OrderBy(s => s.Scenario.Kind).ThenBy(s => s.Scenario.Clients)
        .ThenBy(s => Array.IndexOf([Target.Direct, Target.Yarp, Target.Ziggie], s.Target));

    private static string Server(Summary s) => s.PeakWorkingSetMb is null
        ? "— | — | —"
        : string.Create(CultureInfo.InvariantCulture, $"{s.PeakWorkingSetMb:0} | {s.AllocatedPerUnit:0} | {s.CpuMicrosecondsPerUnit:0.0}");

    private static string Ratios(Summary s, IReadOnlyList<Summary> all)
    {
        string Over(string baseline) => all.FirstOrDefault(b => b.Target == baseline && b.Scenario == s.Scenario) is { } b
            ? (s.Throughput / b.Throughput).ToString("0.00", CultureInfo.InvariantCulture) : "—";
        return s.Target switch
        {
            Target.Ziggie => $"{Over(Target.Direct)} | {Over(Target.Yarp)}",
            Target.Yarp => $"{Over(Target.Direct)} | ",
            _ => " | ",
        };
    }

    /// <summary>The 1, 5 and 15 minute load averages, where the OS reports them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Machine() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024:0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
}

/// <summary>How many unmeasured passes it took for the proxies to stop compiling, and what they compiled during the measured rounds after.</summary>
public sealed record WarmUp(int Passes, string JitDuringRounds);
