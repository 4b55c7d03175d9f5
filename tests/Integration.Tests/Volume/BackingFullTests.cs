using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// A tier whose filesystem really runs out of space (a 2 MiB tmpfs behind a tier configured as
/// 64 MiB): the write that hits ENOSPC there is placed on the next tier instead, the caller never
/// sees an error, and every byte reads back.
/// </summary>
public sealed class BackingFullTests : VolumeTestBase
{
    [Fact]
    public void FullBackingFilesystem_SpillsToTheNextTier_WithoutErrorOrLoss()
    {
        var spec = new VolumeSpec
        {
            ExtentSize = 64 * KiB,
            Tiers = [new TierSpec("fast", 64 * MiB), new TierSpec("slow")],
            MetadataDir = "meta", // keep the metadata off the tiny filesystem
        };
        var v = TestVolume.Create(spec, "backingfull");
        string fast = v.TierPaths["fast"];
        var mount = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=2m", "tieredfs-test", fast], TimeSpan.FromSeconds(10));
        Assert.True(mount.ExitCode == 0, mount.Describe());
        try
        {
            v.Start();
            var data = Random(8 * MiB, 11);
            WriteDurably(v.P("f"), data);
            AssertFileEquals(data, v.P("f"));
            var map = v.Inspect(v.P("f"));
            int onFast = map.Extents.Count(e => e.Tier == "fast");
            Assert.True(onFast > 0 && onFast <= 32, $"expected the 2 MiB filesystem to take at most its 32 extents of the 128; inspect: {LayoutVerifier.Describe(map)}");
            Assert.Equal(128, map.Extents.Count);
            v.Remount();
            AssertFileEquals(data, v.P("f"));
        }
        finally
        {
            v.Dispose();
            ProcessRunner.Run("umount", ["-l", fast], TimeSpan.FromSeconds(10));
        }
    }
}
