using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>link: shared inode, nlink accounting, data shared between names.</summary>
public abstract class HardLinkTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Link_SharesInode_AndCountsLinks()
    {
        WriteFile(P("a"), "data"u8);
        Assert.Equal(1u, Native.Stat(P("a")).Nlink);
        Native.Link(P("a"), P("b"));
        Native.Mkdir(P("sub"));
        Native.Link(P("a"), P("sub/c"));
        var a = Native.Stat(P("a"));
        var b = Native.Stat(P("b"));
        var c = Native.Stat(P("sub/c"));
        Assert.Equal(a.Ino, b.Ino);
        Assert.Equal(a.Ino, c.Ino);
        Assert.Equal(3u, a.Nlink);
        Assert.Equal(3u, c.Nlink);
        Native.Unlink(P("a"));
        Assert.Equal(2u, Native.Stat(P("b")).Nlink);
        Assert.Equal("data"u8.ToArray(), ReadAll(P("sub/c")));
    }

    [Fact]
    public void WriteThroughOneName_VisibleThroughOther()
    {
        WriteFile(P("a"), Pattern(E * 2, 1));
        Native.Link(P("a"), P("b"));
        var patch = Pattern(E, 2);
        WriteFile(P("b"), patch, offset: E / 2);
        AssertBytes(patch, ReadRange(P("a"), E / 2, patch.Length), "via a");
        Assert.Equal(Native.Stat(P("a")).Size, Native.Stat(P("b")).Size);
    }

    [Fact]
    public void LastLinkRemoved_FileGone()
    {
        WriteFile(P("a"), "x"u8);
        Native.Link(P("a"), P("b"));
        Native.Unlink(P("a"));
        Native.Unlink(P("b"));
        AssertErrno(Errno.ENOENT, () => Native.Stat(P("b")));
        Assert.Empty(Native.ReadDir(Dir));
    }

    [Fact]
    public void LinkErrors()
    {
        WriteFile(P("a"), "x"u8);
        WriteFile(P("b"), "y"u8);
        Native.Mkdir(P("d"));
        AssertErrno(Errno.EEXIST, () => Native.Link(P("a"), P("b")));
        AssertErrno(Errno.EPERM, () => Native.Link(P("d"), P("d2"))); // no hard links to directories
        AssertErrno(Errno.ENOENT, () => Native.Link(P("missing"), P("c")));
    }

    [Fact]
    public void Link_KeepsMtime_BumpsNlink()
    {
        WriteFile(P("a"), "x"u8);
        Native.Utimens(P("a"), 1000, 0, 1000, 0);
        var before = Native.Stat(P("a"));
        Native.Link(P("a"), P("b"));
        var after = Native.Stat(P("b"));
        Assert.Equal(before.MtimeSec, after.MtimeSec);
        Assert.Equal(2u, after.Nlink);
    }
}

public sealed class NativeDirectoryHardLinkTests(NativeDirectoryTarget t) : HardLinkTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedHardLinkTests(MountedTarget t) : HardLinkTests(t), IClassFixture<MountedTarget>;
