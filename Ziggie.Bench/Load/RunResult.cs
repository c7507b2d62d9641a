using Ziggie.Bench.Servers;

namespace Ziggie.Bench.Load;

/// <summary>One run of one scenario against one target.</summary>
/// <param name="LatencyMs">Per request: until the whole answer was read (a stream's last line included).</param>
/// <param name="FirstTokenMs">Per stream: until its first line had arrived; empty for queries.</param>
/// <param name="Tokens">Token lines received (the closing <c>done</c> line not counted).</param>
/// <param name="Server">What the proxy's process spent; null for direct.</param>
public sealed record RunResult(string Target, Scenario Scenario, TimeSpan Wall, double[] LatencyMs, double[] FirstTokenMs, long Tokens, ServerUsage? Server)
{
    /// <summary>What the fake Ollama's process spent, to see where the machine's two cores went.</summary>
    public ServerUsage? Ollama { get; init; }

    /// <summary>CPU time of this load generator during the run.</summary>
    public TimeSpan ClientCpu { get; init; }

    public int Requests => LatencyMs.Length;
    public double RequestsPerSecond => Requests / Wall.TotalSeconds;
    public double TokensPerSecond => Tokens / Wall.TotalSeconds;

    /// <summary>What the proxy's numbers are divided by: streamed tokens, or requests for queries.</summary>
    public double Units => Scenario.IsStream ? Tokens : Requests;

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
