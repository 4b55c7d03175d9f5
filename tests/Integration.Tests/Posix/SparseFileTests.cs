using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>Sparse files, including offsets beyond 4 GiB (catches 32-bit offset/extent-index truncation).</summary>
public abstract class SparseFileTests(IPosixTarget target) : PosixTestBase(target)
{
    private const long GiB = 1L << 30;

    [Fact]
    public void WriteFarAway_SizeAndZerosAndFewBlocks()
    {
        var tail = Pattern(1000, 1);
        WriteFile(P("f"), tail, offset: 10 * E + 5);
        var st = Native.Stat(P("f"));
        Assert.Equal(10 * E + 5 + 1000, st.Size);
        Assert.True(st.Blocks * 512 < st.Size / 2, $"st_blocks {st.Blocks} suggests the holes were allocated");
        AssertZeros(ReadRange(P("f"), 0, (int)(10 * E + 5)), "holes");
        AssertBytes(tail, ReadRange(P("f"), 10 * E + 5, 1000), "tail");
    }

    [Fact]
    public void LargerThan4GiB_SparseWriteAt5GiB()
    {
        var data = Pattern(8192, 2);
        WriteFile(P("big"), data, offset: 5 * GiB);
        var st = Native.Stat(P("big"));
        Assert.Equal(5 * GiB + 8192, st.Size);
        AssertBytes(data, ReadRange(P("big"), 5 * GiB, 8192), "at 5 GiB");
        AssertZeros(ReadRange(P("big"), 4 * GiB, 65536), "hole at 4 GiB");
        AssertZeros(ReadRange(P("big"), GiB, 4096), "hole at 1 GiB"); // 5 GiB mod 4 GiB: must not alias
        Assert.True(st.Blocks * 512 < 64L << 20, $"st_blocks {st.Blocks}: holes were allocated");
    }

    [Fact]
    public void WriteStraddling4GiBBoundary()
    {
        var data = Pattern(300_000, 3);
        var off = 4 * GiB - 100_000;
        WriteFile(P("big"), data, offset: off);
        Assert.Equal(off + data.Length, Native.Stat(P("big")).Size);
        AssertBytes(data, ReadRange(P("big"), off, data.Length), "across 4 GiB");
        AssertZeros(ReadRange(P("big"), 0, 200_000), "start (would alias 4 GiB if offsets were 32-bit)");
    }

    [Fact]
    public void TruncateTo6GiB_ThenShrink()
    {
        WriteFile(P("f"), "head"u8);
        Native.Truncate(P("f"), 6 * GiB);
        Assert.Equal(6 * GiB, Native.Stat(P("f")).Size);
        AssertZeros(ReadRange(P("f"), 6 * GiB - 4096, 4096), "end");
        Native.Truncate(P("f"), 2);
        Assert.Equal("he"u8.ToArray(), ReadAll(P("f")));
    }
}

public sealed class NativeDirectorySparseFileTests(NativeDirectoryTarget t) : SparseFileTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedSparseFileTests(MountedTarget t) : SparseFileTests(t), IClassFixture<MountedTarget>;
