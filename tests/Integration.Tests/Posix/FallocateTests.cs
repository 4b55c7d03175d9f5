using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>fallocate: plain allocation, KEEP_SIZE, PUNCH_HOLE|KEEP_SIZE.</summary>
public abstract class FallocateTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Allocate_ExtendsSize_ReadsZeros()
    {
        using var fd = Native.Open(P("f"), Native.O_RDWR | Native.O_CREAT);
        Native.Fallocate(fd, 0, 0, E * 3);
        var st = Native.Fstat(fd);
        Assert.Equal(E * 3, st.Size);
        Assert.True(st.Blocks * 512 >= E * 3, $"st_blocks {st.Blocks} does not cover the allocation");
        var buf = new byte[E * 3];
        Assert.Equal(buf.Length, Native.PReadAll(fd, buf, 0));
        AssertZeros(buf, "allocated");
    }

    [Fact]
    public void Allocate_InsideExistingData_KeepsData()
    {
        var data = Pattern(E * 2, 1);
        WriteFile(P("f"), data);
        using (var fd = Native.Open(P("f"), Native.O_RDWR)) Native.Fallocate(fd, 0, E / 2, E * 3);
        var all = ReadAll(P("f"));
        Assert.Equal(E / 2 + E * 3, all.Length);
        AssertBytes(data, all.AsSpan(0, data.Length), "data kept");
        AssertZeros(all.AsSpan(data.Length), "allocated tail");
    }

    [Fact]
    public void KeepSize_DoesNotChangeSize()
    {
        WriteFile(P("f"), "abc"u8);
        using var fd = Native.Open(P("f"), Native.O_RDWR);
        Native.Fallocate(fd, Native.FALLOC_FL_KEEP_SIZE, 0, E * 4);
        Assert.Equal(3, Native.Fstat(fd).Size);
        Assert.Equal("abc"u8.ToArray(), ReadAll(P("f")));
        // writing into the preallocated range later must work and extend the size normally
        Native.PWriteAll(fd, "z"u8, E * 2);
        Assert.Equal(E * 2 + 1, Native.Fstat(fd).Size);
    }

    [Fact]
    public void PunchHole_ReadsZeros_KeepsSurroundings()
    {
        var data = Pattern(E * 4, 2);
        WriteFile(P("f"), data);
        using (var fd = Native.Open(P("f"), Native.O_RDWR))
        {
            // unaligned hole spanning extent 0 tail, all of extent 1, extent 2 head
            Native.Fallocate(fd, Native.FALLOC_FL_PUNCH_HOLE | Native.FALLOC_FL_KEEP_SIZE, E - 4096, E + 8192);
        }
        var all = ReadAll(P("f"));
        Assert.Equal(E * 4, all.Length);
        AssertBytes(data.AsSpan(0, (int)E - 4096), all.AsSpan(0, (int)E - 4096), "before hole");
        AssertZeros(all.AsSpan((int)E - 4096, (int)E + 8192), "hole");
        AssertBytes(data.AsSpan((int)(2 * E + 4096)), all.AsSpan((int)(2 * E + 4096)), "after hole");
    }

    [Fact]
    public void PunchWholeExtent_FreesBlocks()
    {
        WriteFile(P("f"), Pattern(E * 4, 3));
        using var fd = Native.Open(P("f"), Native.O_RDWR);
        Native.Fsync(fd);
        var before = Native.Fstat(fd).Blocks;
        Native.Fallocate(fd, Native.FALLOC_FL_PUNCH_HOLE | Native.FALLOC_FL_KEEP_SIZE, E, E * 2);
        Native.Fsync(fd);
        var after = Native.Fstat(fd).Blocks;
        Assert.True(after < before, $"st_blocks {before} -> {after}: punching two whole extents freed nothing");
    }

    [Fact]
    public void PunchHoleWithoutKeepSize_IsEOPNOTSUPP()
    {
        // The VFS rejects this before the filesystem sees it; documents the required flag combination.
        WriteFile(P("f"), Pattern(E, 4));
        using var fd = Native.Open(P("f"), Native.O_RDWR);
        AssertErrno(Errno.EOPNOTSUPP, () => Native.Fallocate(fd, Native.FALLOC_FL_PUNCH_HOLE, 0, 10));
    }

    [Fact]
    public void PunchBeyondEof_IsHarmless()
    {
        WriteFile(P("f"), "abc"u8);
        using var fd = Native.Open(P("f"), Native.O_RDWR);
        Native.Fallocate(fd, Native.FALLOC_FL_PUNCH_HOLE | Native.FALLOC_FL_KEEP_SIZE, E, E);
        Assert.Equal(3, Native.Fstat(fd).Size);
        Assert.Equal("abc"u8.ToArray(), ReadAll(P("f")));
    }
}

public sealed class NativeDirectoryFallocateTests(NativeDirectoryTarget t) : FallocateTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedFallocateTests(MountedTarget t) : FallocateTests(t), IClassFixture<MountedTarget>;
