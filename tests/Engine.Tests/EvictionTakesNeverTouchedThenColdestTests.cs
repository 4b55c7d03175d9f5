using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// The one eviction order: a promotion into a full tier first demotes a resident extent never
/// touched since start, and only then touched ones, coldest first.
/// </summary>
public class EvictionTakesNeverTouchedThenColdestTests
{
    private const int Fast = 0, Slow = 1;

    [Fact]
    public void The_never_touched_resident_goes_first_then_the_coldest_touched_one()
    {
        var h = new EngineHarness(Policy("lru", 2), [4, 100]);
        ExtentId untouched = E(0), cold = E(1), warm = E(2), hot = E(3);
        ExtentId first = E(10), second = E(11);
        foreach (var id in new[] { untouched, cold, warm, hot }) h.Tiers.Add(id, Fast);
        foreach (var id in new[] { first, second }) h.Tiers.Add(id, Slow);
        for (int i = 0; i < 10; i++) h.Tiers.Add(E(100 + i), Slow); // never touched, on the slow tier

        // cold: one access ever. warm: one per round. hot: twenty per round.
        // first: admitted after round 3; second: after round 4.
        h.AccessNow(cold, 500_000);
        for (int r = 0; r < 5; r++)
        {
            h.AccessNow(warm, 200_000);
            for (int i = 0; i < 20; i++) h.AccessNow(hot, 10_000 + i * 45_000);
            if (r < 3) h.AccessNow(first, 300_000);
            if (r >= 1) h.AccessNow(second, 400_000);
            h.RunRound();

            if (r == 2)
            {
                var eviction = Assert.Single(h.Tiers.Moves, m => !m.IsPromotion);
                Assert.Equal(untouched, eviction.Id);
                Assert.Equal(Fast, h.Tiers.TierOf(first));
            }
        }

        var evictions = h.Tiers.Moves.Where(m => !m.IsPromotion).Select(m => m.Id).ToList();
        Assert.Equal([untouched, cold], evictions);
        Assert.Equal(Fast, h.Tiers.TierOf(second));
        Assert.Equal(Fast, h.Tiers.TierOf(warm));
        Assert.Equal(Fast, h.Tiers.TierOf(hot));
        Assert.Equal(2, h.Stats.Evictions);
    }

    [Fact]
    public void Among_touched_residents_the_coldest_goes_first_whatever_their_order_on_the_tier()
    {
        var h = new EngineHarness(Policy("lru", 2), [3, 100]);
        // Residents in id order hot, warm, cold: the order of the tier must not matter.
        ExtentId hot = E(0), warm = E(1), cold = E(2), incoming = E(10);
        foreach (var id in new[] { hot, warm, cold }) h.Tiers.Add(id, Fast);
        h.Tiers.Add(incoming, Slow);
        for (int i = 0; i < 20; i++) h.Tiers.Add(E(100 + i), Slow); // never touched

        // cold: read twice, in the first window only. warm: read every other window.
        // hot and incoming: read thirty times in every window.
        h.AccessNow(cold, 100_000);
        h.AccessNow(cold, 600_000);
        for (int r = 0; r < 4; r++)
        {
            if (r % 2 == 0) h.AccessNow(warm, 100_000);
            for (int i = 0; i < 30; i++) h.AccessNow(hot, 10_000 + i * 30_000);
            for (int i = 0; i < 30; i++) h.AccessNow(incoming, 20_000 + i * 30_000);
            h.RunRound();
        }

        var eviction = Assert.Single(h.Tiers.Moves, m => !m.IsPromotion);
        Assert.Equal(cold, eviction.Id);
        Assert.Equal(Fast, h.Tiers.TierOf(incoming));
        Assert.Equal(Fast, h.Tiers.TierOf(warm));
    }
}
