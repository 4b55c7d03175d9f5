using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>statfs/statvfs returns self-consistent numbers (volume totals are checked in Volume/StatfsVolumeTests).</summary>
public abstract class StatfsTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Statvfs_IsSane()
    {
        var s = Native.Statvfs(Target.Root);
        Assert.True(s.BlockSize > 0, "f_bsize");
        Assert.True(s.FragmentSize > 0, "f_frsize");
        Assert.True(s.Blocks > 0, "f_blocks");
        Assert.True(s.BlocksFree <= s.Blocks, $"f_bfree {s.BlocksFree} > f_blocks {s.Blocks}");
        Assert.True(s.BlocksAvail <= s.BlocksFree, $"f_bavail {s.BlocksAvail} > f_bfree {s.BlocksFree}");
        Assert.True(s.NameMax >= 255, $"f_namemax {s.NameMax}");
    }

    [Fact]
    public void Statvfs_SameForAnyPathInTheFilesystem()
    {
        Native.Mkdir(P("d"));
        WriteFile(P("d/f"), "x"u8);
        var root = Native.Statvfs(Target.Root);
        var file = Native.Statvfs(P("d/f"));
        Assert.Equal(root.Blocks, file.Blocks);
        Assert.Equal(root.FragmentSize, file.FragmentSize);
    }
}

public sealed class NativeDirectoryStatfsTests(NativeDirectoryTarget t) : StatfsTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedStatfsTests(MountedTarget t) : StatfsTests(t), IClassFixture<MountedTarget>;
