using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// 64 MiB of random data through a volume whose fast tier (16 MiB) cannot hold it: the file spans both tiers,
/// each tier's data file holds exactly its extents, and everything survives unmount + remount.
/// </summary>
public sealed class LargeFileRoundTripTests : VolumeTestBase
{
    private static VolumeSpec Spec => new()
    {
        ExtentSize = MiB,
        Tiers = [new TierSpec("fast", 16 * MiB), new TierSpec("slow")],
    };

    [Fact]
    public void SixtyFourMiB_SpansBothTiers_LayoutMatches_SurvivesRemount()
    {
        using var v = TestVolume.Mount(Spec, "large");
        var data = Random(64 * MiB, 42);
        var path = v.P("big.bin");
        WriteDurably(path, data);
        AssertFileEquals(data, path);

        var map = v.Inspect(path);
        Assert.Equal(MiB, map.ExtentSize);
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (long)i), map.Extents.Select(e => e.Index));
        // Static fastest-first: fast takes extents while used+1MiB <= 0.90*16MiB = 14.4MiB, i.e. 14 of them.
        var onFast = map.OnTier("fast").Count();
        var onSlow = map.OnTier("slow").Count();
        Assert.True(onFast == 14 && onSlow == 50,
            $"expected 14 extents on fast (high watermark 0.90 of 16 MiB) and 50 on slow; got {onFast}/{onSlow}: {LayoutVerifier.Describe(map)}");

        LayoutVerifier.Verify(v, path, data);

        var ino = Native.Stat(path).Ino;
        v.Remount();
        Assert.Equal(ino, Native.Stat(path).Ino);
        AssertFileEquals(data, path);
        Assert.Equal(map.Extents, v.Inspect(path).Extents);
        LayoutVerifier.Verify(v, path, data);
    }
}
