using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// A promotion that needs an eviction is a swap, and a swap must be a clear improvement: the
/// incoming extent's heat must exceed the victim's by <see cref="EngineOptions.SwapMargin"/>.
/// Extents of statistically equal heat are not traded; a far hotter one does displace a colder one.
/// </summary>
public class SwapMarginComparesHeatTests
{
    private const int Fast = 0, Slow = 1;

    /// <summary>
    /// A one-extent fast tier holding <paramref name="resident"/>, the slow tier holding
    /// <paramref name="incoming"/> and 100 never-touched extents (so the volume has a real hot set:
    /// shrinkage weight near 1). Both are read in every window, at the given rates.
    /// </summary>
    private static EngineHarness Run(int residentReadsPerSecond, int incomingReadsPerSecond, int rounds, out ExtentId resident, out ExtentId incoming)
    {
        var h = new EngineHarness(Policy("lru", 2), [1, 1000]);
        resident = E(0);
        incoming = E(1);
        h.Tiers.Add(resident, Fast);
        h.Tiers.Add(incoming, Slow);
        for (int i = 0; i < 100; i++) h.Tiers.Add(E(100 + i), Slow);
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < residentReadsPerSecond; i++) h.AccessNow(resident, 1_000 + i * (900_000.0 / residentReadsPerSecond));
            for (int i = 0; i < incomingReadsPerSecond; i++) h.AccessNow(incoming, 2_000 + i * (900_000.0 / incomingReadsPerSecond));
            h.RunRound();
        }
        return h;
    }

    [Fact]
    public void Extents_read_alike_are_not_swapped()
    {
        var h = Run(residentReadsPerSecond: 5, incomingReadsPerSecond: 6, rounds: 40, out var resident, out var incoming);

        Assert.Equal(Fast, h.Tiers.TierOf(resident));
        Assert.Equal(Slow, h.Tiers.TierOf(incoming));
        Assert.Empty(h.Tiers.Moves);
    }

    [Fact]
    public void An_extent_read_thirty_times_a_second_displaces_one_read_once_a_second()
    {
        // Both are used in every window (equal touches), but a fast tier would serve thirty times
        // more reads from the incoming one: that is the heat the eviction order ranks by.
        var h = Run(residentReadsPerSecond: 1, incomingReadsPerSecond: 30, rounds: 20, out var resident, out var incoming);

        Assert.True(h.Tiers.TierOf(incoming) == Fast,
            $"after 20 s the extent read 30×/s is still on the slow tier behind one read 1×/s ({h.Stats.Candidates} candidates offered, {h.Stats.Planned} planned, {h.Stats.Evictions} evictions)");
        Assert.Equal(Slow, h.Tiers.TierOf(resident));
    }
}
