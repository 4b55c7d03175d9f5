using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>rename / renameat2 (RENAME_NOREPLACE, RENAME_EXCHANGE).</summary>
public abstract class RenameTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Rename_KeepsInodeAndData()
    {
        WriteFile(P("a"), Pattern(E + 5, 1));
        var ino = Native.Stat(P("a")).Ino;
        Native.Rename(P("a"), P("b"));
        AssertErrno(Errno.ENOENT, () => Native.Stat(P("a")));
        Assert.Equal(ino, Native.Stat(P("b")).Ino);
        AssertBytes(Pattern(E + 5, 1), ReadAll(P("b")), "renamed");
    }

    [Fact]
    public void RenameOverExisting_ReplacesAtomically()
    {
        WriteFile(P("src"), "new content"u8);
        WriteFile(P("dst"), Pattern(E * 2, 2));
        var srcIno = Native.Stat(P("src")).Ino;
        Native.Rename(P("src"), P("dst"));
        Assert.Equal(srcIno, Native.Stat(P("dst")).Ino);
        Assert.Equal("new content"u8.ToArray(), ReadAll(P("dst")));
        Assert.Equal(["dst"], Native.ReadDir(Dir).Select(e => e.NameString));
    }

    [Fact]
    public void RenameAcrossDirectories()
    {
        Native.Mkdir(P("x"));
        Native.Mkdir(P("y"));
        WriteFile(P("x/f"), "moved"u8);
        Native.Rename(P("x/f"), P("y/g"));
        Assert.Empty(Native.ReadDir(P("x")));
        Assert.Equal("moved"u8.ToArray(), ReadAll(P("y/g")));
    }

    [Fact]
    public void RenameDirectory_WithContents()
    {
        Native.Mkdir(P("d"));
        Native.Mkdir(P("d/sub"));
        WriteFile(P("d/sub/f"), "deep"u8);
        Native.Mkdir(P("parent"));
        Native.Rename(P("d"), P("parent/d2"));
        Assert.Equal("deep"u8.ToArray(), ReadAll(P("parent/d2/sub/f")));
        AssertErrno(Errno.ENOENT, () => Native.Stat(P("d")));
        // the moved directory's ".." must now be the new parent
        Assert.Equal(Native.Stat(P("parent")).Ino, Native.Stat(P("parent/d2/..")).Ino);
    }

    [Fact]
    public void RenameDirOverEmptyDir_Works_OverNonEmpty_IsENOTEMPTY()
    {
        Native.Mkdir(P("a"));
        WriteFile(P("a/f"), "x"u8);
        Native.Mkdir(P("empty"));
        Native.Mkdir(P("full"));
        WriteFile(P("full/g"), "y"u8);
        var err = Native.ErrnoOf(() => Native.Rename(P("a"), P("full")));
        Assert.True(err is Errno.ENOTEMPTY or Errno.EEXIST, $"got {Errno.Name(err)}"); // POSIX allows either
        Native.Rename(P("a"), P("empty"));
        Assert.Equal("x"u8.ToArray(), ReadAll(P("empty/f")));
    }

    [Fact]
    public void RenameTypeMismatch_Errors()
    {
        WriteFile(P("f"), "x"u8);
        Native.Mkdir(P("d"));
        AssertErrno(Errno.EISDIR, () => Native.Rename(P("f"), P("d")));
        AssertErrno(Errno.ENOTDIR, () => Native.Rename(P("d"), P("f")));
        AssertErrno(Errno.ENOENT, () => Native.Rename(P("missing"), P("z")));
    }

    [Fact]
    public void RenameIntoOwnSubdirectory_IsEINVAL()
    {
        Native.Mkdir(P("d"));
        Native.Mkdir(P("d/sub"));
        AssertErrno(Errno.EINVAL, () => Native.Rename(P("d"), P("d/sub/d")));
    }

    [Fact]
    public void RenameToHardLinkOfItself_IsNoop()
    {
        WriteFile(P("a"), "x"u8);
        Native.Link(P("a"), P("b"));
        Native.Rename(P("a"), P("b")); // POSIX: same inode → do nothing, both names stay
        Assert.True(Native.Exists(P("a")));
        Assert.True(Native.Exists(P("b")));
    }

    [Fact]
    public void NoReplace_OnExistingTarget_IsEEXIST_AndBothIntact()
    {
        WriteFile(P("a"), "aaa"u8);
        WriteFile(P("b"), "bbb"u8);
        AssertErrno(Errno.EEXIST, () => Native.Rename(P("a"), P("b"), Native.RENAME_NOREPLACE));
        Assert.Equal("aaa"u8.ToArray(), ReadAll(P("a")));
        Assert.Equal("bbb"u8.ToArray(), ReadAll(P("b")));
    }

    [Fact]
    public void NoReplace_OnFreeTarget_Renames()
    {
        WriteFile(P("a"), "aaa"u8);
        Native.Rename(P("a"), P("c"), Native.RENAME_NOREPLACE);
        Assert.Equal("aaa"u8.ToArray(), ReadAll(P("c")));
        Assert.False(Native.Exists(P("a")));
    }

    [Fact]
    public void Exchange_SwapsFiles()
    {
        WriteFile(P("a"), "aaa"u8);
        WriteFile(P("b"), Pattern(E + 1, 3));
        var ia = Native.Stat(P("a")).Ino;
        var ib = Native.Stat(P("b")).Ino;
        Native.Rename(P("a"), P("b"), Native.RENAME_EXCHANGE);
        Assert.Equal(ib, Native.Stat(P("a")).Ino);
        Assert.Equal(ia, Native.Stat(P("b")).Ino);
        Assert.Equal("aaa"u8.ToArray(), ReadAll(P("b")));
        AssertBytes(Pattern(E + 1, 3), ReadAll(P("a")), "exchanged");
    }

    [Fact]
    public void Exchange_FileAndDirectory_AcrossParents()
    {
        Native.Mkdir(P("p1"));
        Native.Mkdir(P("p2"));
        WriteFile(P("p1/x"), "file"u8);
        Native.Mkdir(P("p2/y"));
        WriteFile(P("p2/y/inner"), "in"u8);
        Native.Rename(P("p1/x"), P("p2/y"), Native.RENAME_EXCHANGE);
        Assert.Equal("file"u8.ToArray(), ReadAll(P("p2/y")));
        Assert.Equal("in"u8.ToArray(), ReadAll(P("p1/x/inner")));
        Assert.Equal(Native.Stat(P("p1")).Ino, Native.Stat(P("p1/x/..")).Ino);
    }

    [Fact]
    public void Exchange_WithMissingTarget_IsENOENT()
    {
        WriteFile(P("a"), "aaa"u8);
        AssertErrno(Errno.ENOENT, () => Native.Rename(P("a"), P("missing"), Native.RENAME_EXCHANGE));
        Assert.Equal("aaa"u8.ToArray(), ReadAll(P("a")));
    }

    [Fact]
    public void NoReplaceAndExchangeTogether_IsEINVAL()
    {
        WriteFile(P("a"), "a"u8);
        WriteFile(P("b"), "b"u8);
        AssertErrno(Errno.EINVAL, () => Native.Rename(P("a"), P("b"), Native.RENAME_NOREPLACE | Native.RENAME_EXCHANGE));
    }

    [Fact]
    public void OpenFileSurvivesBeingRenamedOver()
    {
        WriteFile(P("victim"), "old data"u8);
        using var fd = Native.Open(P("victim"), Native.O_RDONLY);
        WriteFile(P("new"), "new"u8);
        Native.Rename(P("new"), P("victim"));
        var buf = new byte[8];
        Assert.Equal(8, Native.PReadAll(fd, buf, 0));
        Assert.Equal("old data"u8.ToArray(), buf);
        Assert.Equal("new"u8.ToArray(), ReadAll(P("victim")));
    }
}

public sealed class NativeDirectoryRenameTests(NativeDirectoryTarget t) : RenameTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedRenameTests(MountedTarget t) : RenameTests(t), IClassFixture<MountedTarget>;
