using Ziggie.Bench.Load;

namespace Ziggie.Bench.Report;

/// <summary>One scenario on one target over all rounds: the median of each figure, and the highest peak memory.</summary>
public sealed record Summary(
    string Target, Scenario Scenario, double RequestsPerSecond, double TokensPerSecond,
    double LatencyP50, double LatencyP99, double FirstTokenP50, double FirstTokenP99,
    double? PeakWorkingSetMb, double? AllocatedPerUnit, double? CpuMicrosecondsPerUnit, bool PeakPerScenario)
{
    public double Throughput => Scenario.IsStream ? TokensPerSecond : RequestsPerSecond;

    public static Summary Of(IReadOnlyList<RunResult> rounds)
    {
        var first = rounds[0];
        double Median(Func<RunResult, double> figure)
        {
            var values = rounds.Select(figure).Order().ToArray();
            var middle = values.Length / 2;
            return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

        double? Server(Func<RunResult, double> figure) => first.Server is null ? null : Median(figure);
        return new Summary(
            first.Target, first.Scenario,
            Median(r => r.RequestsPerSecond), Median(r => r.TokensPerSecond),
            Median(r => RunResult.Percentile(r.LatencyMs, 50)), Median(r => RunResult.Percentile(r.LatencyMs, 99)),
            Median(r => RunResult.Percentile(r.FirstTokenMs, 50)), Median(r => RunResult.Percentile(r.FirstTokenMs, 99)),
            first.Server is null ? null : rounds.Max(r => r.Server!.PeakWorkingSetBytes) / 1024.0 / 1024,
            Server(r => r.Server!.AllocatedBytes / r.Units),
            Server(r => r.Server!.CpuTime.TotalMicroseconds / r.Units),
            rounds.All(r => r.Server?.PeakIsPerScenario ?? true));
    }
}
