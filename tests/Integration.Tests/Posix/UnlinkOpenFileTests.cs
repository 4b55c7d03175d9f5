using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>An unlinked file stays usable through open descriptors until the last close.</summary>
public abstract class UnlinkOpenFileTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void UnlinkedOpenFile_ReadableAndWritableUntilClose()
    {
        var data = Pattern(E * 3, 1);
        WriteFile(P("f"), data);
        using var fd = Native.Open(P("f"), Native.O_RDWR);
        Native.Unlink(P("f"));
        AssertErrno(Errno.ENOENT, () => Native.Stat(P("f")));
        Assert.Empty(Native.ReadDir(Dir));

        var buf = new byte[data.Length];
        Assert.Equal(data.Length, Native.PReadAll(fd, buf, 0));
        AssertBytes(data, buf, "after unlink");

        var more = Pattern(E, 2);
        Native.PWriteAll(fd, more, E * 3);
        var back = new byte[more.Length];
        Native.PReadAll(fd, back, E * 3);
        AssertBytes(more, back, "written after unlink");
        Assert.Equal(0u, Native.Fstat(fd).Nlink);
        Assert.Equal(E * 4, Native.Fstat(fd).Size);
    }

    [Fact]
    public void NewFileWithSameName_IsIndependent()
    {
        WriteFile(P("f"), "old"u8);
        using var fd = Native.Open(P("f"), Native.O_RDONLY);
        Native.Unlink(P("f"));
        WriteFile(P("f"), "brand new"u8);
        var buf = new byte[3];
        Native.PReadAll(fd, buf, 0);
        Assert.Equal("old"u8.ToArray(), buf);
        Assert.Equal("brand new"u8.ToArray(), ReadAll(P("f")));
        Assert.NotEqual(Native.Fstat(fd).Ino, Native.Stat(P("f")).Ino);
    }

    [Fact]
    public void TwoDescriptors_DataLivesUntilLastClose()
    {
        WriteFile(P("f"), "shared"u8);
        var a = Native.Open(P("f"), Native.O_RDONLY);
        using var b = Native.Open(P("f"), Native.O_RDONLY);
        Native.Unlink(P("f"));
        a.Dispose();
        var buf = new byte[6];
        Native.PReadAll(b, buf, 0);
        Assert.Equal("shared"u8.ToArray(), buf);
    }
}

public sealed class NativeDirectoryUnlinkOpenFileTests(NativeDirectoryTarget t) : UnlinkOpenFileTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedUnlinkOpenFileTests(MountedTarget t) : UnlinkOpenFileTests(t), IClassFixture<MountedTarget>;
