using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Watermarks: under a policy that migrates, a faster tier filled past its high watermark is
/// drained in eviction order (never-touched first) down to its low watermark, within the budget.
/// </summary>
public class TiersPastTheirHighWatermarkAreDrainedTests
{
    private const int Fast = 0, Slow = 1;

    /// <summary>A fast tier of 100 filled to capacity: 20 extents used in every window, 80 never touched.</summary>
    private static (EngineHarness H, List<ExtentId> Used) FullFastTier(PolicySet policy)
    {
        var h = new EngineHarness(policy, [100, 1000]).WithRealisticWatermarks();
        var used = new List<ExtentId>();
        for (int i = 0; i < 100; i++)
        {
            h.Tiers.Add(E(i), Fast);
            if (i % 5 == 0) used.Add(E(i));
        }
        return (h, used);
    }

    [Fact]
    public void A_tier_filled_past_its_high_watermark_is_drained_to_its_low_watermark_never_touched_extents_first()
    {
        var (h, used) = FullFastTier(Policy("lru", 2));

        for (int r = 0; r < 3; r++)
        {
            foreach (var id in used) h.AccessNow(id);
            h.RunRound();
        }

        Assert.Equal(85, h.Tiers.Count(Fast));
        Assert.All(h.Tiers.Moves, m => Assert.False(m.IsPromotion));
        Assert.All(h.Tiers.Moves, m => Assert.DoesNotContain(m.Id, used));
        Assert.Equal(15, h.Stats.Evictions);
    }

    [Fact]
    public void A_policy_that_never_migrates_leaves_a_full_tier_as_placement_filled_it()
    {
        var (h, used) = FullFastTier(new PolicySet("static", new StaticFastestFirst(), new NoMigration()));

        for (int r = 0; r < 3; r++)
        {
            foreach (var id in used) h.AccessNow(id);
            h.RunRound();
        }

        Assert.Equal(100, h.Tiers.Count(Fast));
        Assert.Empty(h.Tiers.Moves);
    }

    [Fact]
    public void Draining_is_not_starved_by_promotions_the_swap_margin_refused_in_the_same_round()
    {
        // Four fast slots (high watermark 3.8, low 3.4) and six slow extents, all ten read once
        // in every window: equal heat, so every promotion that needs a victim is refused by the
        // swap margin. Whenever the fast tier is left past its high watermark while one of its
        // residents could go (it has not moved within min residency), the drain failed.
        var h = new EngineHarness(Policy("lru", 2), [4, 100]).WithRealisticWatermarks();
        var residents = Enumerable.Range(0, 4).Select(i => E(i)).ToList();
        var waiting = Enumerable.Range(10, 6).Select(i => E(i)).ToList();
        foreach (var id in residents) h.Tiers.Add(id, Fast);
        foreach (var id in waiting) h.Tiers.Add(id, Slow);
        for (int i = 0; i < 50; i++) h.Tiers.Add(E(100 + i), Slow); // never touched

        var starved = new List<int>();
        for (int r = 1; r <= 20; r++)
        {
            var all = residents.Concat(waiting).ToList();
            for (int i = 0; i < all.Count; i++) h.AccessNow(all[i], 10_000 + i * 50_000);
            h.RunRound();
            bool pastHigh = h.Tiers.Count(Fast) > 4 * h.Tiers.HighWatermark;
            bool someoneMayGo = h.Tiers.ResidentsOf(Fast).Any(id =>
                !h.MovesOf(id).Any(m => h.Now - m.AtUs < h.Engine.Options.MinResidencyUs));
            if (pastHigh && someoneMayGo) starved.Add(r);
        }

        Assert.True(h.Stats.SwapsRefused > 0, "no swap was refused: the test does not test anything");
        Assert.True(starved.Count == 0,
            $"the fast tier was left past its high watermark, with residents free to go, after rounds {string.Join(",", starved)} " +
            $"({h.Stats.SwapsRefused} swaps refused, {h.Stats.Evictions} evictions)");
    }
}
