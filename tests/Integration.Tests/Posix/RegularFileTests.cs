using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>create / open / read / write / O_APPEND / overwrite / O_EXCL / O_TRUNC on regular files.</summary>
public abstract class RegularFileTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void CreateWriteReadRoundTrip_AcrossExtentBoundaries()
    {
        // 2.5 extents starting mid-extent: exercises reads/writes that straddle two extent boundaries.
        var data = Pattern(E * 5 / 2, 1);
        WriteFile(P("f"), data, offset: E / 2);
        var st = Native.Stat(P("f"));
        Assert.True(st.IsRegular);
        Assert.Equal(E / 2 + data.Length, st.Size);
        AssertBytes(data, ReadRange(P("f"), E / 2, data.Length), "content");
        AssertZeros(ReadRange(P("f"), 0, (int)(E / 2)), "unwritten head");
    }

    [Fact]
    public void EmptyFile_HasSizeZero_AndReadsNothing()
    {
        using (Native.Open(P("empty"), Native.O_WRONLY | Native.O_CREAT | Native.O_EXCL)) { }
        Assert.Equal(0, Native.Stat(P("empty")).Size);
        Assert.Empty(ReadAll(P("empty")));
    }

    [Fact]
    public void ReadAtOrPastEof_ReturnsZeroBytes()
    {
        WriteFile(P("f"), Pattern(100, 2));
        using var fd = Native.Open(P("f"), Native.O_RDONLY);
        var buf = new byte[10];
        Assert.Equal(0, Native.PRead(fd, buf, 100));
        Assert.Equal(0, Native.PRead(fd, buf, E * 3));
        Assert.Equal(10, Native.PRead(fd, buf, 90)); // short read at the tail is fine, but these 10 exist
    }

    [Fact]
    public void OAppend_AlwaysWritesAtEnd_EvenWithTwoDescriptors()
    {
        // O_APPEND must seek to the current end on every write, including data appended through another fd.
        using var a = Native.Open(P("log"), Native.O_WRONLY | Native.O_CREAT | Native.O_APPEND);
        using var b = Native.Open(P("log"), Native.O_WRONLY | Native.O_APPEND);
        Native.Write(a, "aaaa"u8);
        Native.Write(b, "bbbbbb"u8);
        Native.Write(a, "cc"u8);
        Native.Lseek(a, 0, Native.SEEK_SET); // explicit seek must not matter for O_APPEND
        Native.Write(a, "dd"u8);
        Assert.Equal("aaaabbbbbbccdd"u8.ToArray(), ReadAll(P("log")));
    }

    [Fact]
    public void OAppend_LargeAppendsCrossExtents()
    {
        var chunk = Pattern(E / 3 + 7, 3);
        using (var fd = Native.Open(P("log"), Native.O_WRONLY | Native.O_CREAT | Native.O_APPEND))
            for (var i = 0; i < 8; i++) Native.Write(fd, chunk);
        var all = ReadAll(P("log"));
        Assert.Equal(chunk.Length * 8, all.Length);
        for (var i = 0; i < 8; i++) AssertBytes(chunk, all.AsSpan(i * chunk.Length, chunk.Length), $"chunk {i}");
    }

    [Fact]
    public void OverwriteInMiddle_LeavesRestIntact()
    {
        var data = Pattern(E * 3, 4);
        WriteFile(P("f"), data);
        var patch = Pattern(E, 5);
        WriteFile(P("f"), patch, offset: E / 2 + 3); // straddles extent 0/1
        patch.CopyTo(data, E / 2 + 3);
        AssertBytes(data, ReadAll(P("f")), "after overwrite");
        Assert.Equal(E * 3, Native.Stat(P("f")).Size);
    }

    [Fact]
    public void WriteBeyondEof_FillsGapWithZeros()
    {
        WriteFile(P("f"), "head"u8);
        WriteFile(P("f"), "tail"u8, offset: E * 2 + 10);
        var all = ReadAll(P("f"));
        Assert.Equal(E * 2 + 14, all.Length);
        AssertZeros(all.AsSpan(4, (int)(E * 2 + 6)), "gap");
        Assert.Equal("tail"u8.ToArray(), all[^4..]);
    }

    [Fact]
    public void OExcl_OnExistingFile_IsEEXIST()
    {
        WriteFile(P("f"), "x"u8);
        AssertErrno(Errno.EEXIST, () => Native.Open(P("f"), Native.O_WRONLY | Native.O_CREAT | Native.O_EXCL).Dispose());
    }

    [Fact]
    public void OTrunc_DiscardsOldContent()
    {
        WriteFile(P("f"), Pattern(E * 2, 6));
        using (var fd = Native.Open(P("f"), Native.O_WRONLY | Native.O_TRUNC)) Native.Write(fd, "new"u8);
        Assert.Equal("new"u8.ToArray(), ReadAll(P("f")));
    }

    [Fact]
    public void OpenMissing_IsENOENT_AndOpenDirForWrite_IsEISDIR()
    {
        AssertErrno(Errno.ENOENT, () => Native.Open(P("missing"), Native.O_RDONLY).Dispose());
        AssertErrno(Errno.ENOENT, () => Native.Open(P("nodir/f"), Native.O_WRONLY | Native.O_CREAT).Dispose());
        Native.Mkdir(P("d"));
        AssertErrno(Errno.EISDIR, () => Native.Open(P("d"), Native.O_WRONLY).Dispose());
        WriteFile(P("file"), "x"u8);
        AssertErrno(Errno.ENOTDIR, () => Native.Open(P("file/sub"), Native.O_RDONLY).Dispose());
    }

    [Fact]
    public void CreateMode_IsHonouredMinusUmask()
    {
        // .NET processes inherit the umask; 0600 survives any sane umask.
        using (Native.Open(P("f"), Native.O_WRONLY | Native.O_CREAT, 0x180)) { }
        Assert.Equal(0x180u, Native.Stat(P("f")).Permissions);
    }

    [Fact]
    public void ManySmallRandomWrites_MatchShadowCopy()
    {
        // Random offsets/lengths around extent boundaries against an in-memory shadow: catches off-by-one in
        // extent splitting.
        var rng = new Random(7);
        var size = (int)(E * 4);
        var shadow = new byte[size];
        var maxEnd = 0;
        using (var fd = Native.Open(P("f"), Native.O_RDWR | Native.O_CREAT))
        {
            for (var i = 0; i < 200; i++)
            {
                var len = rng.Next(1, (int)E / 2);
                var off = rng.Next(0, size - len);
                if (i % 3 == 0) off = (int)(E * rng.Next(1, 4)) - len / 2; // straddle a boundary
                var chunk = Pattern(len, i);
                Native.PWriteAll(fd, chunk, off);
                chunk.CopyTo(shadow, off);
                maxEnd = Math.Max(maxEnd, off + len);
            }
        }
        AssertBytes(shadow.AsSpan(0, maxEnd), ReadAll(P("f")), "random writes");
    }
}

public sealed class NativeDirectoryRegularFileTests(NativeDirectoryTarget t) : RegularFileTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedRegularFileTests(MountedTarget t) : RegularFileTests(t), IClassFixture<MountedTarget>;
