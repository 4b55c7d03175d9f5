using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>mkdir / rmdir / readdir.</summary>
public abstract class DirectoryTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void MkdirRmdir()
    {
        Native.Mkdir(P("d"), 0x1C0);
        var st = Native.Stat(P("d"));
        Assert.True(st.IsDirectory);
        Assert.Equal(0x1C0u, st.Permissions);
        Native.Rmdir(P("d"));
        AssertErrno(Errno.ENOENT, () => Native.Stat(P("d")));
    }

    [Fact]
    public void MkdirExisting_IsEEXIST()
    {
        Native.Mkdir(P("d"));
        AssertErrno(Errno.EEXIST, () => Native.Mkdir(P("d")));
        WriteFile(P("f"), "x"u8);
        AssertErrno(Errno.EEXIST, () => Native.Mkdir(P("f")));
    }

    [Fact]
    public void RmdirNonEmpty_IsENOTEMPTY_AndKeepsContents()
    {
        Native.Mkdir(P("d"));
        WriteFile(P("d/f"), "keep"u8);
        AssertErrno(Errno.ENOTEMPTY, () => Native.Rmdir(P("d")));
        Assert.Equal("keep"u8.ToArray(), ReadAll(P("d/f")));
        Native.Mkdir(P("e"));
        Native.Mkdir(P("e/sub"));
        AssertErrno(Errno.ENOTEMPTY, () => Native.Rmdir(P("e")));
    }

    [Fact]
    public void RmdirOnFile_IsENOTDIR_AndUnlinkOnDir_IsEISDIR()
    {
        WriteFile(P("f"), "x"u8);
        AssertErrno(Errno.ENOTDIR, () => Native.Rmdir(P("f")));
        Native.Mkdir(P("d"));
        AssertErrno(Errno.EISDIR, () => Native.Unlink(P("d")));
        AssertErrno(Errno.ENOENT, () => Native.Rmdir(P("missing")));
    }

    [Fact]
    public void Readdir_ListsExactlyTheEntries_WithDotAndDotDot()
    {
        Native.Mkdir(P("d"));
        WriteFile(P("d/a"), "1"u8);
        Native.Mkdir(P("d/b"));
        Native.Symlink("a", P("d/c"));
        var all = Native.ReadDir(P("d"), includeDots: true).Select(e => e.NameString).Order().ToArray();
        Assert.Equal([".", "..", "a", "b", "c"], all);
    }

    [Fact]
    public void Readdir_InodeNumbersMatchStat()
    {
        Native.Mkdir(P("d"));
        WriteFile(P("d/a"), "1"u8);
        Native.Mkdir(P("d/b"));
        foreach (var e in Native.ReadDir(P("d")))
            Assert.Equal(Native.Lstat(NativePath.Combine(P("d"), e.Name)).Ino, e.Ino);
    }

    [Fact]
    public void Readdir_ManyEntries_AllListedOnce()
    {
        // >1000 entries forces several readdir batches (FUSE pages / offsets / cookies).
        const int n = 1500;
        Native.Mkdir(P("many"));
        for (var i = 0; i < n; i++)
            using (Native.Open(P($"many/entry-{i:D5}-with-a-longish-name"), Native.O_WRONLY | Native.O_CREAT)) { }
        var names = Native.ReadDir(P("many")).Select(e => e.NameString).ToList();
        Assert.Equal(n, names.Count);
        Assert.Equal(n, names.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, n).Select(i => $"entry-{i:D5}-with-a-longish-name"), names.Order());
    }

    [Fact]
    public void Readdir_AfterDeletingHalf_ListsTheRest()
    {
        Native.Mkdir(P("d"));
        for (var i = 0; i < 200; i++) WriteFile(P($"d/{i}"), "x"u8);
        for (var i = 0; i < 200; i += 2) Native.Unlink(P($"d/{i}"));
        var names = Native.ReadDir(P("d")).Select(e => int.Parse(e.NameString)).Order();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 2 + 1), names);
    }

    [Fact]
    public void NestedDirectories_Deep()
    {
        var path = Dir;
        for (var i = 0; i < 40; i++)
        {
            path = Path.Combine(path, $"level{i}");
            Native.Mkdir(path);
        }
        WriteFile(Path.Combine(path, "leaf"), "deep"u8);
        Assert.Equal("deep"u8.ToArray(), ReadAll(Path.Combine(path, "leaf")));
    }
}

public sealed class NativeDirectoryDirectoryTests(NativeDirectoryTarget t) : DirectoryTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedDirectoryTests(MountedTarget t) : DirectoryTests(t), IClassFixture<MountedTarget>;
