using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>truncate/ftruncate growing and shrinking across extent boundaries.</summary>
public abstract class TruncateTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Shrink_MidExtent_KeepsPrefix()
    {
        var data = Pattern(E * 5 / 2, 1);
        WriteFile(P("f"), data);
        Native.Truncate(P("f"), E * 3 / 2);
        Assert.Equal(E * 3 / 2, Native.Stat(P("f")).Size);
        AssertBytes(data.AsSpan(0, (int)(E * 3 / 2)), ReadAll(P("f")), "prefix");
    }

    [Fact]
    public void ShrinkThenGrow_ExposesZerosNotOldData()
    {
        // The classic bug: shrinking into the middle of an extent must zero its tail, or growing again
        // resurrects the old bytes.
        var data = Pattern(E * 3, 2);
        WriteFile(P("f"), data);
        Native.Truncate(P("f"), E + 100);
        Native.Truncate(P("f"), E * 4);
        var all = ReadAll(P("f"));
        Assert.Equal(E * 4, all.Length);
        AssertBytes(data.AsSpan(0, (int)E + 100), all.AsSpan(0, (int)E + 100), "kept");
        AssertZeros(all.AsSpan((int)E + 100), "regrown tail");
    }

    [Fact]
    public void Grow_ReadsZeros()
    {
        WriteFile(P("f"), "abc"u8);
        Native.Truncate(P("f"), E * 2 + 7);
        var all = ReadAll(P("f"));
        Assert.Equal(E * 2 + 7, all.Length);
        Assert.Equal("abc"u8.ToArray(), all[..3]);
        AssertZeros(all.AsSpan(3), "grown");
    }

    [Fact]
    public void TruncateToExactExtentBoundaries()
    {
        var data = Pattern(E * 3, 3);
        WriteFile(P("f"), data);
        Native.Truncate(P("f"), E * 2);
        AssertBytes(data.AsSpan(0, (int)E * 2), ReadAll(P("f")), "to 2E");
        Native.Truncate(P("f"), E);
        AssertBytes(data.AsSpan(0, (int)E), ReadAll(P("f")), "to 1E");
        Native.Truncate(P("f"), 0);
        Assert.Empty(ReadAll(P("f")));
        Native.Truncate(P("f"), E);
        AssertZeros(ReadAll(P("f")), "regrown from 0");
    }

    [Fact]
    public void Ftruncate_OnOpenDescriptor_ThenWriteAfterEof()
    {
        using var fd = Native.Open(P("f"), Native.O_RDWR | Native.O_CREAT);
        Native.PWriteAll(fd, Pattern(E * 2, 4), 0);
        Native.Ftruncate(fd, 10);
        Assert.Equal(10, Native.Fstat(fd).Size);
        Native.PWriteAll(fd, "Z"u8, E * 2);
        var buf = new byte[E * 2 + 1];
        Assert.Equal(buf.Length, Native.PReadAll(fd, buf, 0));
        AssertZeros(buf.AsSpan(10, (int)(E * 2 - 10)), "between old EOF and new write");
        Assert.Equal((byte)'Z', buf[^1]);
    }

    [Fact]
    public void Truncate_UpdatesMtime()
    {
        WriteFile(P("f"), "abc"u8);
        Native.Utimens(P("f"), 1000, 0, 1000, 0);
        Native.Truncate(P("f"), 1);
        Assert.True(Native.Stat(P("f")).MtimeSec > 1000);
    }

    [Fact]
    public void TruncateDirectory_IsEISDIR_NegativeIsEINVAL()
    {
        Native.Mkdir(P("d"));
        AssertErrno(Errno.EISDIR, () => Native.Truncate(P("d"), 0));
        WriteFile(P("f"), "x"u8);
        AssertErrno(Errno.EINVAL, () => Native.Truncate(P("f"), -1));
    }
}

public sealed class NativeDirectoryTruncateTests(NativeDirectoryTarget t) : TruncateTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedTruncateTests(MountedTarget t) : TruncateTests(t), IClassFixture<MountedTarget>;
