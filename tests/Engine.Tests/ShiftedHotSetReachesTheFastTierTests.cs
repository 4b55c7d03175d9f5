using TieredFs.Engine.Tests.Infrastructure;
using Xunit.Abstractions;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// The live bench's "shift" workload in miniature: 90 % of accesses on one 20 % region until the
/// hot set has settled on the fast tier, then on another region of the slow tier. The old hot set
/// cools; every migrating policy must trade it for the new one within a bounded number of rounds,
/// moving no more than twice the hot set per phase.
/// </summary>
public class ShiftedHotSetReachesTheFastTierTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lru")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    public void The_new_hot_set_reaches_the_fast_tier_within_sixty_rounds_of_the_shift(string policy)
    {
        const int extents = 1000, fast = 200, accessesPerRound = 2000, phase = 60;
        var h = new EngineHarness(Policy(policy, 2, seed: 3), [fast, 2 * extents], latencyUs: [10, 1000]).WithRealisticWatermarks();
        for (int i = 0; i < extents; i++) h.Tiers.Add(E(i), i < fast ? 0 : 1);
        long[] first = Enumerable.Range(800, 200).Select(i => (long)i).ToArray();
        long[] second = Enumerable.Range(400, 200).Select(i => (long)i).ToArray();
        var rng = new Random(42);
        double fit = Math.Min(second.Length, Math.Floor(fast * h.Tiers.HighWatermark));

        for (int r = 1; r <= phase; r++)
        {
            Workloads.Play(h, Workloads.Round(rng, accessesPerRound, Workloads.HotSet(first, 0.9, extents)));
            h.RunRound();
        }
        int firstOnFast = OnFast(h, first), movesBefore = h.Tiers.Moves.Count;
        int reachedAt = -1;
        for (int r = 1; r <= phase; r++)
        {
            Workloads.Play(h, Workloads.Round(rng, accessesPerRound, Workloads.HotSet(second, 0.9, extents)));
            h.RunRound();
            if (reachedAt < 0 && OnFast(h, second) >= 0.9 * fit) reachedAt = r;
            if (r % 5 == 0)
                output.WriteLine($"  +{r}: new {OnFast(h, second)}, old {OnFast(h, first)} on fast; moves {h.Tiers.Moves.Count - movesBefore}; " +
                    $"cand {h.Stats.Candidates} planned {h.Stats.Planned} swaps refused {h.Stats.SwapsRefused} held {h.Stats.HeldBack} over budget {h.Stats.OverBudget}");
        }
        int onFast = OnFast(h, second), movesAfter = h.Tiers.Moves.Count - movesBefore;
        output.WriteLine($"{policy}: first phase {firstOnFast}/{first.Length} on fast with {movesBefore} moves; " +
            $"after the shift {onFast}/{second.Length} (90 % at round {reachedAt}) with {movesAfter} moves");
        Assert.True(onFast >= 0.9 * fit, $"{policy}: only {onFast} of the {fit} new hot extents that fit on the fast tier {phase} rounds after the shift");
        Assert.True(movesAfter <= 2 * 2 * second.Length, $"{policy}: {movesAfter} moves after the shift for a hot set of {second.Length}");
    }

    private static int OnFast(EngineHarness h, long[] hot) => hot.Count(i => h.Tiers.TierOf(E(i)) == 0);
}
