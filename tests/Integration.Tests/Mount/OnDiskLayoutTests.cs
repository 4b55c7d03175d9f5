using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Volume;

namespace TieredFs.Integration.Tests.Mount;

/// <summary>
/// The per-tier sparse data files: &lt;tier&gt;/data/&lt;ino%256 hex&gt;/&lt;ino&gt; at the user's offsets, holes elsewhere.
/// Small and deterministic (the 64 MiB variant is Volume/LargeFileRoundTripTests).
/// </summary>
public sealed class OnDiskLayoutTests : VolumeTestBase
{
    // fast holds exactly 4 extents (watermark 1.0 so the watermark does not kick in first)
    private static VolumeSpec Spec => new()
    {
        ExtentSize = 64 * KiB,
        Tiers = [new TierSpec("fast", 256 * KiB, 1.0, 0.5), new TierSpec("slow")],
    };

    [Fact]
    public void EightExtents_FirstFourOnFast_RestOnSlow_DataFilesMatch()
    {
        using var v = TestVolume.Mount(Spec, "layout");
        var data = Random(8 * 64 * KiB - 123, 5); // last extent partial
        WriteDurably(v.P("f"), data);
        var map = v.Inspect(v.P("f"));
        Assert.Equal(["fast", "fast", "fast", "fast", "slow", "slow", "slow", "slow"], map.Extents.OrderBy(e => e.Index).Select(e => e.Tier));
        var ino = Native.Stat(v.P("f")).Ino;
        Assert.True(File.Exists(v.DataFilePath("fast", ino)), $"missing {v.DataFilePath("fast", ino)}");
        Assert.True(File.Exists(v.DataFilePath("slow", ino)), $"missing {v.DataFilePath("slow", ino)}");
        LayoutVerifier.Verify(v, v.P("f"), data);
        v.Remount();
        LayoutVerifier.Verify(v, v.P("f"), data);
    }

    [Fact]
    public void SparseFile_HolesAreHolesOnEveryTier()
    {
        using var v = TestVolume.Mount(Spec, "layout-sparse");
        var data = new byte[10 * 64 * KiB];
        Random(64 * KiB, 1).CopyTo(data, 2 * 64 * KiB);
        Random(64 * KiB, 2).CopyTo(data, 9 * 64 * KiB);
        using (var fd = Native.Open(v.P("s"), Native.O_WRONLY | Native.O_CREAT))
        {
            Native.PWriteAll(fd, data.AsSpan(2 * 64 * (int)KiB, 64 * (int)KiB), 2 * 64 * KiB);
            Native.PWriteAll(fd, data.AsSpan(9 * 64 * (int)KiB, 64 * (int)KiB), 9 * 64 * KiB);
            Native.Fsync(fd);
        }
        Assert.Equal([2L, 9L], v.Inspect(v.P("s")).Extents.Select(e => e.Index));
        LayoutVerifier.Verify(v, v.P("s"), data);
    }

    [Fact]
    public void ManyFiles_DataFilesInHashedSubdirectories()
    {
        using var v = TestVolume.Mount(Spec with { Tiers = [new TierSpec("fast"), new TierSpec("slow")] }, "layout-many");
        for (var i = 0; i < 20; i++)
        {
            var p = v.P($"f{i}");
            WriteDurably(p, Random(1000 + i, i));
            var ino = Native.Stat(p).Ino;
            var file = v.DataFilePath("fast", ino);
            Assert.True(File.Exists(file), $"expected data of inode {ino} in {file}");
            Assert.Equal(Random(1000 + i, i), File.ReadAllBytes(file).AsSpan(0, 1000 + i).ToArray());
        }
    }
}
