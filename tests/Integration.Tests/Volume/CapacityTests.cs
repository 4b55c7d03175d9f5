using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>ENOSPC once every tier is at capacity; existing data unharmed; space comes back on unlink.</summary>
public sealed class CapacityTests : VolumeTestBase
{
    // 2 + 2 extents of 1 MiB in total.
    private static VolumeSpec Spec => new()
    {
        ExtentSize = MiB,
        Tiers = [new TierSpec("fast", 2 * MiB), new TierSpec("slow", 2 * MiB)],
    };

    /// <summary>Appends 256 KiB chunks until a write fails; returns bytes written and the errno.</summary>
    private static (long Written, int Errno) FillUntilError(string path, long limit)
    {
        using var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT);
        var chunk = Random(256 * KiB, 7);
        long written = 0;
        try
        {
            while (written < limit)
            {
                Native.PWriteAll(fd, chunk, written);
                written += chunk.Length;
            }
            Native.Fsync(fd); // with a write-back cache the error may only surface here
            return (written, 0);
        }
        catch (ErrnoException e)
        {
            return (written, e.Errno);
        }
    }

    [Fact]
    public void AllTiersFull_WriteFailsWithENOSPC_ExistingFileIntact()
    {
        using var v = TestVolume.Mount(Spec, "enospc");
        var keep = Random(MiB, 1);
        WriteDurably(v.P("keep"), keep);

        var (written, errno) = FillUntilError(v.P("filler"), 16 * MiB);
        Assert.True(errno == Errno.ENOSPC,
            $"expected ENOSPC on a 4 MiB volume, got {(errno == 0 ? "no error" : Errno.Name(errno))} after {written} bytes");
        // 4 extents total, 1 used by 'keep': exactly 3 MiB must fit (capacity is usable beyond the watermark).
        Assert.Equal(3 * MiB, written);

        AssertFileEquals(keep, v.P("keep"));
        v.Remount();
        AssertFileEquals(keep, v.P("keep"));
        Assert.Equal(3 * MiB, Native.Stat(v.P("filler")).Size);
    }

    [Fact]
    public void WhenFull_OverwritingAllocatedExtents_StillWorks()
    {
        using var v = TestVolume.Mount(Spec, "enospc-ow");
        WriteDurably(v.P("a"), Random(4 * MiB, 2)); // fills the volume exactly
        var patch = Random(100 * KiB, 3);
        using (var fd = Native.Open(v.P("a"), Native.O_WRONLY))
        {
            Native.PWriteAll(fd, patch, MiB + 5); // inside an allocated extent: no new space needed
            Native.Fsync(fd);
        }
        var expected = Random(4 * MiB, 2);
        patch.CopyTo(expected, MiB + 5);
        AssertFileEquals(expected, v.P("a"));
    }

    [Fact]
    public void UnlinkFreesSpace()
    {
        using var v = TestVolume.Mount(Spec, "enospc-free");
        var (_, errno) = FillUntilError(v.P("filler"), 16 * MiB);
        Assert.Equal(Errno.ENOSPC, errno);
        Native.Unlink(v.P("filler"));
        var again = Random(3 * MiB, 4);
        WriteDurably(v.P("again"), again); // would be ENOSPC if unlinked extents were leaked
        AssertFileEquals(again, v.P("again"));
    }

    [Fact]
    public void TruncateFreesSpace()
    {
        using var v = TestVolume.Mount(Spec, "enospc-trunc");
        var (_, errno) = FillUntilError(v.P("filler"), 16 * MiB);
        Assert.Equal(Errno.ENOSPC, errno);
        Native.Truncate(v.P("filler"), MiB);
        WriteDurably(v.P("more"), Random(2 * MiB, 5));
    }
}
