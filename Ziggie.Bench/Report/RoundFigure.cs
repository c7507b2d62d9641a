using System.Globalization;

namespace Ziggie.Bench.Report;

/// <summary>
/// One target's figure against another's, round by round. Both run in the same round, straight after each other, so a
/// round's ratio (or difference) shares that minute of the machine; the rounds' spread is what this machine's noise does
/// to it. The median comes with a distribution-free confidence interval (the order statistics a binomial gives the
/// median), so a target reads as met, missed, or not told apart from the noise in this many rounds, instead of met in
/// one run and missed in the next (docs/performance.md).
/// </summary>
public sealed record RoundFigure(double Median, double Low, double High, double Confidence, int Rounds, string Unit)
{
    /// <summary>The confidence the interval aims for; with fewer than six rounds it can only be the smallest to largest.</summary>
    public const double WantedConfidence = 0.95;

    /// <summary>Below this the interval says nothing (four rounds or fewer): no verdict is given.</summary>
    public const double JudgedConfidence = 0.9;

    private const string Times = " ×";

    /// <summary>Round i of <paramref name="ours"/> over round i of <paramref name="theirs"/>.</summary>
    public static RoundFigure? Ratio(IReadOnlyList<double> ours, IReadOnlyList<double> theirs) =>
        Of([.. ours.Zip(theirs, (o, t) => o / t)], Times);

    /// <summary>Round i of <paramref name="ours"/> less round i of <paramref name="theirs"/>.</summary>
    public static RoundFigure? Difference(IReadOnlyList<double> ours, IReadOnlyList<double> theirs, string unit) =>
        Of([.. ours.Zip(theirs, (o, t) => o - t)], unit);

    public static RoundFigure? Of(IReadOnlyList<double> values, string unit)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        var n = sorted.Length;
        if (n == 0) return null;

        // The widest k (from the ends) whose interval [x(k), x(n+1-k)] still covers the median with the wanted confidence:
        // the median lies outside it only when k-1 or fewer values fall on one side, twice P(Binomial(n, ½) ≤ k-1).
        var k = 1;
        while (k < (n + 1) / 2 && Coverage(n, k + 1) >= WantedConfidence) k++;
        var middle = n / 2;
        var median = n % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new RoundFigure(median, sorted[k - 1], sorted[n - k], Coverage(n, k), n, unit);
    }

    /// <summary>Whether the rounds are enough to judge at all (<see cref="JudgedConfidence"/>: five or more).</summary>
    public bool CanJudge => Confidence >= JudgedConfidence;

    /// <summary>
    /// Met when the whole interval is within the bound, missed when it is wholly outside, else null: not told apart (and
    /// null whenever <see cref="CanJudge"/> is false).
    /// </summary>
    public bool? AtMost(double bound) => !CanJudge ? null : High <= bound ? true : Low > bound ? false : null;

    /// <inheritdoc cref="AtMost"/>
    public bool? AtLeast(double bound) => !CanJudge ? null : Low >= bound ? true : High < bound ? false : null;

    public override string ToString() => Unit == Times
        ? string.Create(CultureInfo.InvariantCulture, $"{Median:0.00}{Unit} ({Low:0.00} to {High:0.00} at {Confidence:0 %}, {RoundsText})")
        : string.Create(CultureInfo.InvariantCulture, $"{Median:+0.00;-0.00}{Unit} ({Low:+0.00;-0.00} to {High:+0.00;-0.00} at {Confidence:0 %}, {RoundsText})");

    private string RoundsText => Rounds == 1 ? "1 round" : string.Create(CultureInfo.InvariantCulture, $"{Rounds} rounds");

    /// <summary>The probability that [x(k), x(n+1-k)] holds the median of what the rounds are drawn from.</summary>
    internal static double Coverage(int n, int k)
    {
        // 1 - 2 * P(X <= k-1), X ~ Binomial(n, 1/2), summed in doubles (n is a few dozen rounds at most).
        double tail = 0, term = Math.Pow(0.5, n);
        for (var i = 0; i < k; i++)
        {
            tail += term;
            term = term * (n - i) / (i + 1);
        }

        return Math.Max(0, 1 - 2 * tail);
    }
}
