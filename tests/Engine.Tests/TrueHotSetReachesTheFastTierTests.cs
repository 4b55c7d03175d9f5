using TieredFs.Engine.Tests.Infrastructure;
using Xunit.Abstractions;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Shrinkage must not hide a real hot set: with 90 % of accesses on 20 % of the extents, all of
/// them starting on the slow tier behind a fast tier full of cold data, the hot set ends up on
/// the fast tier within a bounded number of rounds. "Fit" means below the fast tier's high
/// watermark, which policies may keep free.
/// </summary>
public class TrueHotSetReachesTheFastTierTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lru")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    public void Ninety_percent_of_the_hot_extents_that_fit_are_on_the_fast_tier_within_sixty_rounds(string policy)
    {
        const int extents = 1000, fast = 200, accessesPerRound = 2000, rounds = 60;
        // A gap worth moving for (10 µs vs 1 ms per access, 10 ms per move): with a tiny gap a
        // cost-aware policy rightly leaves things where they are.
        var h = new EngineHarness(Policy(policy, 2, seed: 3), [fast, 2 * extents], latencyUs: [10, 1000]).WithRealisticWatermarks();
        for (int i = 0; i < extents; i++) h.Tiers.Add(E(i), i < fast ? 0 : 1);
        long[] hot = Enumerable.Range(fast, 200).Select(i => (long)i).ToArray(); // all on the slow tier
        var rng = new Random(42);
        double fit = Math.Min(hot.Length, Math.Floor(fast * h.Tiers.HighWatermark));

        int reachedAt = -1;
        for (int r = 1; r <= rounds; r++)
        {
            Workloads.Play(h, Workloads.Round(rng, accessesPerRound, Workloads.HotSet(hot, 0.9, extents)));
            h.RunRound();
            if (reachedAt < 0 && HotOnFast(h, hot) >= 0.9 * fit) reachedAt = r;
        }

        int onFast = HotOnFast(h, hot);
        output.WriteLine($"{policy}: {onFast}/{hot.Length} hot extents on the fast tier after {rounds} rounds (90 % reached at round {reachedAt}); " +
            $"{h.Tiers.Moves.Count} moves, {h.Stats.Evictions} evictions");
        Assert.True(onFast >= 0.9 * fit, $"{policy}: only {onFast} of the {fit} hot extents that fit on the fast tier after {rounds} rounds");
    }

    private static int HotOnFast(EngineHarness h, long[] hot) => hot.Count(i => h.Tiers.TierOf(E(i)) == 0);
}
