using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// The static fastest-first rule, extent by extent: fastest tier under its high watermark, else fastest tier under
/// capacity, else ENOSPC.
/// </summary>
public sealed class PlacementTests : VolumeTestBase
{
    [Fact]
    public void SequentialExtents_FollowWatermarkThenCapacityOrder()
    {
        // fast: 4 extents, high watermark 0.5 → 2 extents below it; slow: 4 extents, high 0.9 → 3 below it.
        using var v = TestVolume.Mount(new VolumeSpec
        {
            ExtentSize = 64 * KiB,
            Tiers = [new TierSpec("fast", 256 * KiB, 0.5, 0.25), new TierSpec("slow", 256 * KiB, 0.9, 0.5)],
        }, "placement");
        var path = v.P("f");
        var data = Random(64 * KiB, 1);
        using (var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT))
        {
            for (var i = 0; i < 8; i++)
            {
                Native.PWriteAll(fd, data, i * 64 * KiB);
                Native.Fsync(fd); // one allocation at a time, in order
            }
            var err = Native.ErrnoOf(() =>
            {
                Native.PWriteAll(fd, data, 8 * 64 * KiB);
                Native.Fsync(fd);
            });
            Assert.Equal(Errno.ENOSPC, err);
        }
        var map = v.Inspect(path);
        string[] expected = ["fast", "fast", "slow", "slow", "slow", "fast", "fast", "slow"];
        Assert.True(expected.SequenceEqual(map.Extents.OrderBy(e => e.Index).Select(e => e.Tier)),
            $"expected extents 0-7 on [{string.Join(",", expected)}], inspect says {LayoutVerifier.Describe(map)}");
    }

    [Fact]
    public void ThreeTiers_FillInOrder()
    {
        // watermark 1.0 everywhere: each tier takes exactly its capacity (2 extents) before the next one is used
        using var v = TestVolume.Mount(new VolumeSpec
        {
            ExtentSize = 64 * KiB,
            Tiers =
            [
                new TierSpec("nvme", 128 * KiB, 1.0, 0.5),
                new TierSpec("ssd", 128 * KiB, 1.0, 0.5),
                new TierSpec("hdd", 128 * KiB, 1.0, 0.5),
            ],
        }, "placement3");
        var data = Random(6 * 64 * KiB, 2);
        WriteDurably(v.P("f"), data);
        var map = v.Inspect(v.P("f"));
        string[] expected = ["nvme", "nvme", "ssd", "ssd", "hdd", "hdd"];
        Assert.True(expected.SequenceEqual(map.Extents.OrderBy(e => e.Index).Select(e => e.Tier)),
            $"expected [{string.Join(",", expected)}], inspect says {LayoutVerifier.Describe(map)}");
        LayoutVerifier.Verify(v, v.P("f"), data);
    }
}
