using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>
/// lseek SEEK_DATA/SEEK_HOLE on a sparse file whose data and holes are whole extents, so any filesystem that tracks
/// holes at extent (or finer) granularity must give these exact answers.
/// </summary>
public abstract class SeekDataHoleTests(IPosixTarget target) : PosixTestBase(target)
{
    /// <summary>Layout: [data E][hole E][hole E][data E][hole E] with size 5E.</summary>
    private Fd MakeSparse()
    {
        var fd = Native.Open(P("sparse"), Native.O_RDWR | Native.O_CREAT);
        Native.PWriteAll(fd, Pattern(E, 1), 0);
        Native.PWriteAll(fd, Pattern(E, 2), 3 * E);
        Native.Ftruncate(fd, 5 * E);
        Native.Fsync(fd);
        return fd;
    }

    [Fact]
    public void SeekData_SkipsHoles()
    {
        using var fd = MakeSparse();
        Assert.Equal(0, Native.Lseek(fd, 0, Native.SEEK_DATA));
        Assert.Equal(10, Native.Lseek(fd, 10, Native.SEEK_DATA));
        Assert.Equal(3 * E, Native.Lseek(fd, E, Native.SEEK_DATA));
        Assert.Equal(3 * E, Native.Lseek(fd, 2 * E + 5, Native.SEEK_DATA));
    }

    [Fact]
    public void SeekHole_FindsHolesAndImplicitEofHole()
    {
        using var fd = MakeSparse();
        Assert.Equal(E, Native.Lseek(fd, 0, Native.SEEK_HOLE));
        Assert.Equal(E + 1, Native.Lseek(fd, E + 1, Native.SEEK_HOLE));
        Assert.Equal(4 * E, Native.Lseek(fd, 3 * E, Native.SEEK_HOLE));
    }

    [Fact]
    public void SeekData_InTrailingHole_IsENXIO_AndPastEof_IsENXIO()
    {
        using var fd = MakeSparse();
        AssertErrno(Errno.ENXIO, () => Native.Lseek(fd, 4 * E + 1, Native.SEEK_DATA));
        AssertErrno(Errno.ENXIO, () => Native.Lseek(fd, 5 * E, Native.SEEK_DATA));
        AssertErrno(Errno.ENXIO, () => Native.Lseek(fd, 5 * E + 100, Native.SEEK_HOLE));
    }

    [Fact]
    public void HoleReadsZeros_DataReadsBack()
    {
        using var fd = MakeSparse();
        var buf = new byte[E];
        Native.PReadAll(fd, buf, E);
        AssertZeros(buf, "hole extent 1");
        Native.PReadAll(fd, buf, 3 * E);
        AssertBytes(Pattern(E, 2), buf, "data extent 3");
    }

    [Fact]
    public void FullyWrittenFile_HasOnlyEofHole()
    {
        WriteFile(P("dense"), Pattern(E * 2 + 10, 3));
        using var fd = Native.Open(P("dense"), Native.O_RDONLY);
        Assert.Equal(0, Native.Lseek(fd, 0, Native.SEEK_DATA));
        Assert.Equal(E * 2 + 10, Native.Lseek(fd, 0, Native.SEEK_HOLE));
    }
}

public sealed class NativeDirectorySeekDataHoleTests(NativeDirectoryTarget t) : SeekDataHoleTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedSeekDataHoleTests(MountedTarget t) : SeekDataHoleTests(t), IClassFixture<MountedTarget>;
