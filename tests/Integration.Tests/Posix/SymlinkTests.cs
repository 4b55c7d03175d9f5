using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>symlink / readlink / following links.</summary>
public abstract class SymlinkTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Readlink_ReturnsTargetVerbatim_AndLstatSizeIsTargetLength()
    {
        const string t = "../some/where/./odd//target";
        Native.Symlink(t, P("l"));
        Assert.Equal(t, Native.Readlink(P("l")));
        var st = Native.Lstat(P("l"));
        Assert.True(st.IsSymlink);
        Assert.Equal(t.Length, st.Size);
    }

    [Fact]
    public void Dangling_LstatWorks_StatIsENOENT()
    {
        Native.Symlink("nowhere", P("l"));
        Assert.True(Native.Lstat(P("l")).IsSymlink);
        AssertErrno(Errno.ENOENT, () => Native.Stat(P("l")));
    }

    [Fact]
    public void Follow_ToFileAndDirectory()
    {
        WriteFile(P("file"), "data"u8);
        Native.Mkdir(P("dir"));
        WriteFile(P("dir/inner"), "in"u8);
        Native.Symlink("file", P("lf"));
        Native.Symlink(P("dir"), P("ld")); // absolute target
        Assert.Equal("data"u8.ToArray(), ReadAll(P("lf")));
        Assert.Equal("in"u8.ToArray(), ReadAll(P("ld/inner")));
        Assert.Equal(Native.Stat(P("file")).Ino, Native.Stat(P("lf")).Ino);
    }

    [Fact]
    public void WriteThroughLink_ChangesTarget()
    {
        WriteFile(P("file"), "aaaa"u8);
        Native.Symlink("file", P("l"));
        WriteFile(P("l"), "bb"u8);
        Assert.Equal("bbaa"u8.ToArray(), ReadAll(P("file")));
    }

    [Fact]
    public void SelfLoop_IsELOOP_AndONofollow_IsELOOP()
    {
        Native.Symlink("loop", P("loop"));
        AssertErrno(Errno.ELOOP, () => Native.Stat(P("loop")));
        WriteFile(P("file"), "x"u8);
        Native.Symlink("file", P("l"));
        AssertErrno(Errno.ELOOP, () => Native.Open(P("l"), Native.O_RDONLY | Native.O_NOFOLLOW).Dispose());
    }

    [Fact]
    public void SymlinkOverExisting_IsEEXIST()
    {
        WriteFile(P("f"), "x"u8);
        AssertErrno(Errno.EEXIST, () => Native.Symlink("t", P("f")));
    }

    [Fact]
    public void LongTarget_4000Bytes()
    {
        var t = string.Concat(Enumerable.Repeat("abcdefghi/", 400)); // 4000 bytes < PATH_MAX
        Native.Symlink(t, P("l"));
        Assert.Equal(t, Native.Readlink(P("l")));
    }

    [Fact]
    public void UnlinkLink_KeepsTarget()
    {
        WriteFile(P("f"), "x"u8);
        Native.Symlink("f", P("l"));
        Native.Unlink(P("l"));
        Assert.Equal("x"u8.ToArray(), ReadAll(P("f")));
    }
}

public sealed class NativeDirectorySymlinkTests(NativeDirectoryTarget t) : SymlinkTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedSymlinkTests(MountedTarget t) : SymlinkTests(t), IClassFixture<MountedTarget>;
