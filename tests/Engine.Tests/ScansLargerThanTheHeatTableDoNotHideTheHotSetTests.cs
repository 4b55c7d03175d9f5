using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// <see cref="EngineOptions.MaxTracked"/> bounds the heat kept in memory, "the coldest forgotten
/// first". A scan over more extents than that leaves the table full of one-touch extents; an
/// extent that becomes hot right after must still be tracked (displacing the coldest) and promoted.
/// </summary>
public class ScansLargerThanTheHeatTableDoNotHideTheHotSetTests
{
    [Fact]
    public void An_extent_used_in_every_window_after_a_big_scan_is_promoted_within_a_few_rounds()
    {
        var h = new EngineHarness(Policy("lru", 2), [64, 4096], new EngineOptions { MaxTracked = 256 });
        for (int i = 0; i < 1000; i++) h.Tiers.Add(E(i), 1);
        var hot = E(5000);
        h.Tiers.Add(hot, 1);

        // One pass over 1000 extents (four times the table) in the first round.
        for (int i = 0; i < 1000; i++) h.AccessNow(E(i), 1_000 + i * 900);
        h.RunRound();

        int rounds = 0;
        while (h.Tiers.TierOf(hot) != 0 && rounds < 10)
        {
            h.AccessNow(hot, 500_000);
            h.RunRound();
            rounds++;
        }

        Assert.True(h.Tiers.TierOf(hot) == 0,
            $"the extent used in every window was not promoted within {rounds} rounds after the scan " +
            $"({h.Engine.TrackedExtents} extents tracked of MaxTracked {h.Engine.Options.MaxTracked}, {h.Stats.Candidates} candidates offered)");
    }
}
