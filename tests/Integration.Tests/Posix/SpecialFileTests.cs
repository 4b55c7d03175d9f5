using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>mknod of a FIFO: stored as a node of the right type; its I/O is the kernel's (pipe), not the daemon's.</summary>
public abstract class SpecialFileTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Fifo_CreatedWithTypeAndMode()
    {
        Native.Mkfifo(P("fifo"), 0x1A4);
        var st = Native.Lstat(P("fifo"));
        Assert.True(st.IsFifo, $"mode 0x{st.Mode:x}");
        Assert.Equal(0x1A4u, st.Permissions);
        var e = Assert.Single(Native.ReadDir(Dir));
        Assert.Equal(1, e.Type); // DT_FIFO
        AssertErrno(Errno.EEXIST, () => Native.Mkfifo(P("fifo")));
    }

    [Fact]
    public void Fifo_PassesData()
    {
        Native.Mkfifo(P("fifo"), 0x1B6);
        // A dedicated thread: opening a FIFO for reading blocks until a writer opens it.
        byte[] got = [];
        var reader = new Thread(() =>
        {
            using var r = Native.Open(P("fifo"), Native.O_RDONLY);
            var buf = new byte[5];
            var n = 0;
            while (n < 5)
            {
                var k = Native.Read(r, buf.AsSpan(n));
                if (k == 0) break;
                n += k;
            }
            got = buf[..n];
        });
        reader.Start();
        using (var w = Native.Open(P("fifo"), Native.O_WRONLY)) Native.Write(w, "hello"u8);
        Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "fifo reader hung");
        Assert.Equal("hello"u8.ToArray(), got);
    }

    [Fact]
    public void Fifo_RenameAndUnlink()
    {
        Native.Mkfifo(P("a"));
        Native.Rename(P("a"), P("b"));
        Assert.True(Native.Lstat(P("b")).IsFifo);
        Native.Unlink(P("b"));
        Assert.Empty(Native.ReadDir(Dir));
    }
}

public sealed class NativeDirectorySpecialFileTests(NativeDirectoryTarget t) : SpecialFileTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedSpecialFileTests(MountedTarget t) : SpecialFileTests(t), IClassFixture<MountedTarget>;
