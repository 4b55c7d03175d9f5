using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>chmod / chown / utimens (setattr) and the timestamps the kernel expects to move.</summary>
public abstract class AttributeTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Chmod_ShowsInStat()
    {
        WriteFile(P("f"), "x"u8);
        foreach (var mode in new uint[] { 0x180 /*0600*/, 0x1ED /*0755*/, 0x124 /*0444*/, 0x000, 0x9ED /*4755*/ })
        {
            Native.Chmod(P("f"), mode);
            Assert.Equal(mode, Native.Stat(P("f")).Permissions);
        }
        Native.Mkdir(P("d"));
        Native.Chmod(P("d"), 0x3FF); // 01777 sticky
        Assert.Equal(0x3FFu, Native.Stat(P("d")).Permissions);
    }

    [Fact]
    public void Chown_ShowsInStat_AndMinusOneKeeps()
    {
        WriteFile(P("f"), "x"u8);
        Native.Chown(P("f"), 65534, 65534);
        var st = Native.Stat(P("f"));
        Assert.Equal(65534u, st.Uid);
        Assert.Equal(65534u, st.Gid);
        Native.Chown(P("f"), -1, 0);
        st = Native.Stat(P("f"));
        Assert.Equal(65534u, st.Uid);
        Assert.Equal(0u, st.Gid);
        Native.Chown(P("f"), 0, -1);
        Assert.Equal(0u, Native.Stat(P("f")).Uid);
    }

    [Fact]
    public void Lchown_ChangesLinkNotTarget()
    {
        WriteFile(P("f"), "x"u8);
        Native.Symlink("f", P("l"));
        Native.Lchown(P("l"), 65534, 65534);
        Assert.Equal(65534u, Native.Lstat(P("l")).Uid);
        Assert.Equal(0u, Native.Stat(P("f")).Uid);
    }

    [Fact]
    public void NewFile_OwnedByCaller()
    {
        WriteFile(P("f"), "x"u8);
        Assert.Equal(Native.Geteuid(), Native.Stat(P("f")).Uid);
    }

    [Fact]
    public void Utimens_ExactTimesWithNanoseconds()
    {
        WriteFile(P("f"), "x"u8);
        Native.Utimens(P("f"), 1_000_000_000, 123_456_789, 1_200_000_000, 987_654_321);
        var st = Native.Stat(P("f"));
        Assert.Equal((1_000_000_000L, 123_456_789u), (st.AtimeSec, st.AtimeNsec));
        Assert.Equal((1_200_000_000L, 987_654_321u), (st.MtimeSec, st.MtimeNsec));
    }

    [Fact]
    public void Utimens_OmitKeepsAndNowSetsCurrent()
    {
        WriteFile(P("f"), "x"u8);
        Native.Utimens(P("f"), 1000, 0, 2000, 0);
        Native.Utimens(P("f"), 0, Native.UTIME_OMIT, 0, Native.UTIME_NOW);
        var st = Native.Stat(P("f"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(1000, st.AtimeSec);
        Assert.InRange(st.MtimeSec, now - 60, now + 5);
    }

    [Fact]
    public void Utimens_OnDirectoryAndSymlinkItself()
    {
        Native.Mkdir(P("d"));
        Native.Utimens(P("d"), 3000, 0, 4000, 0);
        Assert.Equal(4000, Native.Stat(P("d")).MtimeSec);
        WriteFile(P("f"), "x"u8);
        Native.Utimens(P("f"), 5000, 0, 5000, 0);
        Native.Symlink("f", P("l"));
        Native.Utimens(P("l"), 6000, 0, 7000, 0, followSymlinks: false);
        Assert.Equal(7000, Native.Lstat(P("l")).MtimeSec);
        Assert.Equal(5000, Native.Stat(P("f")).MtimeSec);
    }

    [Fact]
    public void Write_UpdatesMtime_Chmod_UpdatesCtime()
    {
        WriteFile(P("f"), "x"u8);
        Native.Utimens(P("f"), 1000, 0, 1000, 0);
        var before = Native.Stat(P("f"));
        WriteFile(P("f"), "y"u8, offset: 5);
        var afterWrite = Native.Stat(P("f"));
        Assert.True(afterWrite.MtimeSec > 1000, $"mtime not updated by write: {afterWrite.MtimeSec}");
        Thread.Sleep(10);
        Native.Chmod(P("f"), 0x180);
        var afterChmod = Native.Stat(P("f"));
        Assert.True((afterChmod.CtimeSec, afterChmod.CtimeNsec).CompareTo((before.CtimeSec, before.CtimeNsec)) > 0,
            "ctime not updated by chmod");
    }

    [Fact]
    public void CreateInDirectory_UpdatesDirMtime()
    {
        Native.Mkdir(P("d"));
        Native.Utimens(P("d"), 1000, 0, 1000, 0);
        WriteFile(P("d/f"), "x"u8);
        Assert.True(Native.Stat(P("d")).MtimeSec > 1000, "directory mtime not updated by create");
    }
}

public sealed class NativeDirectoryAttributeTests(NativeDirectoryTarget t) : AttributeTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedAttributeTests(MountedTarget t) : AttributeTests(t), IClassFixture<MountedTarget>;
