using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>statfs sums over tiers; with explicit capacities, totals and free space follow extent accounting.</summary>
public sealed class StatfsVolumeTests : VolumeTestBase
{
    [Fact]
    public void TotalIsSumOfCapacities_FreeDropsByAllocatedExtents()
    {
        using var v = TestVolume.Mount(new VolumeSpec
        {
            ExtentSize = MiB,
            Tiers = [new TierSpec("fast", 8 * MiB), new TierSpec("slow", 16 * MiB)],
        }, "statfs");
        var before = Native.Statvfs(v.Path);
        Assert.Equal((ulong)(24 * MiB), before.TotalBytes);
        Assert.Equal((ulong)(24 * MiB), before.FreeBytes);

        WriteDurably(v.P("f"), Random(3 * MiB - 10, 1)); // 3 extents
        var after = Native.Statvfs(v.Path);
        Assert.Equal((ulong)(24 * MiB), after.TotalBytes);
        Assert.Equal((ulong)(21 * MiB), after.FreeBytes);

        Native.Unlink(v.P("f"));
        Assert.Equal((ulong)(24 * MiB), Native.Statvfs(v.Path).FreeBytes);
    }

    [Fact]
    public void WithoutCapacities_TotalIsSumOfBackingFilesystemSizes()
    {
        using var v = TestVolume.Mount(new VolumeSpec { Tiers = [new TierSpec("fast"), new TierSpec("slow")] }, "statfs-def");
        var backing = Native.Statvfs(v.TierPaths["fast"]);
        var mount = Native.Statvfs(v.Path);
        // Both tiers sit on the same backing fs here, so the sum is twice its size (give or take rounding to
        // whole extents per tier).
        var expected = (double)backing.TotalBytes * 2;
        Assert.InRange((double)mount.TotalBytes, expected - 2 * v.Spec.ExtentSize, expected);
    }
}
