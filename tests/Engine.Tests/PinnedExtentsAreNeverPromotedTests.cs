using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>Pins are law: an extent of a file pinned to the slow tier stays there under every policy, however hot.</summary>
public class PinnedExtentsAreNeverPromotedTests
{
    [Theory]
    [InlineData("lru")]
    [InlineData("cde")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    public void The_hottest_extents_stay_on_the_slow_tier_their_file_is_pinned_to(string policy)
    {
        const ulong pinnedFile = 7, otherFile = 8;
        var h = new EngineHarness(Policy(policy, 2), [16, 1000]).WithRealisticWatermarks();
        var pinned = Enumerable.Range(0, 4).Select(i => ExtentId.Of(pinnedFile, i)).ToList();
        var other = Enumerable.Range(0, 4).Select(i => ExtentId.Of(otherFile, i)).ToList();
        foreach (var id in pinned.Concat(other)) h.Tiers.Add(id, 1);
        for (int i = 0; i < 100; i++) h.Tiers.Add(E(i), 1); // the cold rest of the volume
        h.Tiers.PinFile(pinnedFile, 1);

        for (int r = 0; r < 60; r++)
        {
            // Pinned extents: 50 reads in every window. The other file: 5.
            for (int i = 0; i < 50; i++)
                foreach (var id in pinned) h.AccessNow(id, 1_000 + i * 15_000);
            for (int i = 0; i < 5; i++)
                foreach (var id in other) h.AccessNow(id, 2_000 + i * 150_000);
            h.RunRound();
        }

        Assert.All(pinned, id => Assert.Equal(1, h.Tiers.TierOf(id)));
        Assert.DoesNotContain(h.Tiers.Moves, m => m.Id.Ino == pinnedFile);
        Assert.Contains(h.Tiers.Moves, m => m.Id.Ino == otherFile && m.IsPromotion);
    }
}
