using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>fsync/fdatasync on files and directories succeed (durability itself is Volume/CrashRecoveryTests).</summary>
public abstract class FsyncTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Fsync_AndFdatasync_OnFile()
    {
        using var fd = Native.Open(P("f"), Native.O_RDWR | Native.O_CREAT);
        Native.PWriteAll(fd, Pattern(E * 2, 1), 0);
        Native.Fsync(fd);
        Native.PWriteAll(fd, "x"u8, 5);
        Native.Fdatasync(fd);
        using var other = Native.Open(P("f"), Native.O_RDONLY);
        var buf = new byte[6];
        Native.PReadAll(other, buf, 0);
        Assert.Equal((byte)'x', buf[5]);
    }

    [Fact]
    public void Fsync_OnDirectory()
    {
        Native.Mkdir(P("d"));
        WriteFile(P("d/f"), "x"u8);
        using var fd = Native.Open(P("d"), Native.O_RDONLY | Native.O_DIRECTORY);
        Native.Fsync(fd);
    }

    [Fact]
    public void Fsync_OnReadOnlyDescriptor()
    {
        WriteFile(P("f"), "x"u8);
        using var fd = Native.Open(P("f"), Native.O_RDONLY);
        Native.Fsync(fd);
    }
}

public sealed class NativeDirectoryFsyncTests(NativeDirectoryTarget t) : FsyncTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedFsyncTests(MountedTarget t) : FsyncTests(t), IClassFixture<MountedTarget>;
