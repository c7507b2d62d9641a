using Ziggie.Bench.Report;

namespace Ziggie.Tests.Bench;

public class RoundFigureTests
{
    [Fact]
    public void Five_rounds_can_only_give_the_smallest_to_the_largest_at_94_percent()
    {
        var figure = RoundFigure.Of([1.3, 1.1, 1.2, 1.5, 1.0], " ×")!;

        Assert.Equal((1.2, 1.0, 1.5, 5), (figure.Median, figure.Low, figure.High, figure.Rounds));
        Assert.Equal(0.9375, figure.Confidence, 6);
    }

    [Fact]
    public void Twenty_five_rounds_give_the_eighth_to_the_eighteenth_value_at_96_percent()
    {
        // 1 - 2 P(Binomial(25, 1/2) <= 7) = 0.9567; one value further in would be 0.892, under 95 %.
        var figure = RoundFigure.Of([.. Enumerable.Range(1, 25).Reverse().Select(i => (double)i)], " ms")!;

        Assert.Equal((13.0, 8.0, 18.0), (figure.Median, figure.Low, figure.High));
        Assert.Equal(0.9567, figure.Confidence, 4);
    }

    [Fact]
    public void A_ratio_divides_each_round_by_the_same_round_of_the_other()
    {
        // Slow and fast minutes of the machine move both targets: round by round the ratio stays 2.
        var figure = RoundFigure.Ratio([2, 40, 6, 8, 100, 12], [1, 20, 3, 4, 50, 6])!;

        Assert.Equal((2.0, 2.0, 2.0), (figure.Median, figure.Low, figure.High));
        Assert.Equal("2.00 × (2.00 to 2.00 at 97 %, 6 rounds)", figure.ToString());
    }

    [Fact]
    public void A_difference_keeps_its_sign_and_unit()
    {
        var figure = RoundFigure.Difference([10.5, 9, 12, 11, 10], [9, 9.5, 10, 10.5, 8.5], " ms")!;

        Assert.Equal("+1.50 ms (-0.50 to +2.00 at 94 %, 5 rounds)", figure.ToString());
    }

    [Fact]
    public void A_target_is_met_or_missed_only_when_the_whole_interval_says_so()
    {
        var clearlyUnder = RoundFigure.Of([1.0, 1.02, 1.05, 0.98, 1.01], " ×")!;
        var clearlyOver = RoundFigure.Of([1.3, 1.25, 1.4, 1.2, 1.35], " ×")!;
        var straddling = RoundFigure.Of([0.9, 1.3, 1.0, 1.2, 1.05], " ×")!;

        Assert.True(clearlyUnder.AtMost(1.1));
        Assert.False(clearlyOver.AtMost(1.1));
        Assert.Null(straddling.AtMost(1.1));
        Assert.Null(straddling.AtLeast(1.0));
        Assert.True(clearlyOver.AtLeast(1.1));
    }

    [Fact]
    public void Four_rounds_or_fewer_give_no_verdict()
    {
        var one = RoundFigure.Of([2.0], " ×")!;
        var four = RoundFigure.Of([2.0, 2.1, 1.9, 2.2], " ×")!;

        Assert.False(one.CanJudge);
        Assert.Null(one.AtMost(1.1));
        Assert.Equal("2.00 × (2.00 to 2.00 at 0 %, 1 round)", one.ToString());
        Assert.Equal(0.875, four.Confidence, 6);
        Assert.Null(four.AtLeast(1.1));
        Assert.Equal(Verdict.TooFewRounds, TargetChecks.Judge(four, f => f.AtLeast(1.1)));
        Assert.Equal(Verdict.Met, TargetChecks.Judge(RoundFigure.Of([2.0, 2.1, 1.9, 2.2, 2.0], " ×")!, f => f.AtLeast(1.1)));
    }

    [Fact]
    public void Rounds_that_measured_nothing_are_left_out_and_none_at_all_is_no_figure()
    {
        // A round whose baseline measured 0 has no ratio.
        Assert.Equal(2, RoundFigure.Ratio([1, 2, 3], [1, 0, 3])!.Rounds);
        Assert.Null(RoundFigure.Of([], " ×"));
    }
}
