using System.Diagnostics;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// The background migration agent on a real mount: a file read over and over while it sits on the
/// slow tier is promoted within a few migration periods (1 s each), older data makes room, and no
/// byte changes — before or after a restart.
/// </summary>
public sealed class LiveMigrationTests : VolumeTestBase
{
    /// <summary>
    /// LRU promotes whatever was read last period, so promotion itself is the expected outcome.
    /// (The learning agents decide from measured latencies; both test tiers are directories on one
    /// device here, so for them only safety is asserted — see <see cref="Harmonia_RunsLive_AndKeepsEveryByte"/>.)
    /// </summary>
    [Fact]
    public void Lru_PromotesAHotFileFromTheSlowTier_AndBytesStayIdentical()
    {
        const string policy = "lru";
        var spec = new VolumeSpec
        {
            ExtentSize = 64 * KiB,
            Tiers = [new TierSpec("fast", 8 * 64 * KiB, 1.0, 0.5), new TierSpec("slow")],
            Policy = policy,
            // Every read reaches the daemon (the page cache would otherwise hide the heat).
            MountOptions = ["direct_io"],
        };
        using var v = TestVolume.Mount(spec, "migrate-" + policy);
        var cold = Random(8 * 64 * KiB, 1);
        var hot = Random(8 * 64 * KiB, 2);
        WriteDurably(v.P("cold"), cold); // fills the fast tier
        WriteDurably(v.P("hot"), hot);   // lands on the slow tier
        Assert.All(v.Inspect(v.P("hot")).Extents, e => Assert.Equal("slow", e.Tier));

        var clock = Stopwatch.StartNew();
        int onFast = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(25))
        {
            for (int i = 0; i < 20; i++)
                AssertFileEquals(hot, v.P("hot"));
            onFast = v.Inspect(v.P("hot")).Extents.Count(e => e.Tier == "fast");
            if (onFast >= 4)
                break;
        }
        Assert.True(onFast >= 4, $"after {clock.Elapsed.TotalSeconds:0} s of reads only {onFast} of 8 hot extents were promoted ({policy}): {LayoutVerifier.Describe(v.Inspect(v.P("hot")))}");
        Assert.Contains(v.Inspect(v.P("cold")).Extents, e => e.Tier == "slow");

        AssertFileEquals(hot, v.P("hot"));
        AssertFileEquals(cold, v.P("cold"));
        v.Remount();
        AssertFileEquals(hot, v.P("hot"));
        AssertFileEquals(cold, v.P("cold"));
        var fastExtents = v.Inspect(v.P("hot")).Extents.Count(e => e.Tier == "fast") + v.Inspect(v.P("cold")).Extents.Count(e => e.Tier == "fast");
        Assert.True(fastExtents <= 8, $"the fast tier holds {fastExtents} extents but has room for 8");
    }

    [Fact]
    public void Harmonia_RunsLive_AndKeepsEveryByte()
    {
        var spec = new VolumeSpec
        {
            ExtentSize = 64 * KiB,
            Tiers = [new TierSpec("fast", 8 * 64 * KiB, 1.0, 0.5), new TierSpec("slow")],
            Policy = "harmonia",
            MountOptions = ["direct_io"],
        };
        using var v = TestVolume.Mount(spec, "migrate-harmonia");
        var a = Random(8 * 64 * KiB, 3);
        var b = Random(8 * 64 * KiB, 4);
        WriteDurably(v.P("a"), a);
        WriteDurably(v.P("b"), b);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(6))
        {
            AssertFileEquals(b, v.P("b"));
            AssertFileEquals(a, v.P("a"));
        }
        v.Remount();
        AssertFileEquals(a, v.P("a"));
        AssertFileEquals(b, v.P("b"));
        int onFast = v.Inspect(v.P("a")).Extents.Count(e => e.Tier == "fast") + v.Inspect(v.P("b")).Extents.Count(e => e.Tier == "fast");
        Assert.True(onFast <= 8, $"the fast tier holds {onFast} extents but has room for 8");
        Assert.Equal(16, v.Inspect(v.P("a")).Extents.Count + v.Inspect(v.P("b")).Extents.Count);
        var saved = Directory.GetFiles(v.TierPaths["fast"], "agent-harmonia-*.bin", SearchOption.AllDirectories);
        Assert.Equal(2, saved.Length); // learned tables persisted at unmount
    }
}
