using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Volume;

namespace TieredFs.Integration.Tests.Mount;

/// <summary>mount / signals / unmount command / mountinfo as the contract describes them.</summary>
public sealed class LifecycleTests : VolumeTestBase
{
    private static VolumeSpec Spec => new() { ExtentSize = 64 * KiB, Tiers = [new TierSpec("fast", MiB), new TierSpec("slow")] };

    [Fact]
    public void Mountinfo_ShowsFuseTieredfs_WithDefaultPermissions_RootInodeOne()
    {
        using var v = TestVolume.Mount(Spec, "life");
        var m = Assert.Single(MountTable.At(v.Path));
        Assert.Equal("fuse.tieredfs", m.FsType);
        Assert.Contains("default_permissions", m.Options.Split(','));
        Assert.DoesNotContain("allow_other", m.Options.Split(','));
        Assert.Equal(1ul, Native.Stat(v.Path).Ino);
        Assert.True(Native.Stat(v.Path).IsDirectory);
    }

    [Theory]
    [InlineData(Native.SIGTERM)]
    [InlineData(Native.SIGINT)]
    public void Signal_FlushesUnmountsAndExitsZero(int signal)
    {
        using var v = TestVolume.Mount(Spec, "life-sig");
        var data = Random(300 * KiB, signal);
        File.WriteAllBytes(v.P("unsynced"), data); // no fsync: the signal path must flush it
        var code = v.Stop(signal);
        Assert.True(code == 0, $"exit code {code} after signal {signal}.\n{v.Daemon!.Describe()}");
        Assert.False(MountTable.At(v.Path).Any(), "still mounted after the daemon exited");
        v.Start();
        AssertFileEquals(data, v.P("unsynced"));
    }

    [Fact]
    public void UnmountCommand_ExitsZero_DaemonExitsZero()
    {
        using var v = TestVolume.Mount(Spec, "life-cmd");
        var r = v.Unmount();
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.False(MountTable.At(v.Path).Any(), "still mounted after tieredfs unmount");
        Assert.True(v.Daemon!.WaitForExit(TestVolume.StopTimeout), "daemon still running after unmount");
        Assert.Equal(0, v.Daemon.ExitCode);
    }

    [Fact]
    public void ExternalUmount_DaemonExitsZero()
    {
        // An admin's plain umount is a normal way to stop a FUSE filesystem, too.
        using var v = TestVolume.Mount(Spec, "life-umount");
        File.WriteAllBytes(v.P("f"), "x"u8.ToArray());
        var r = ProcessRunner.Run("umount", [v.Path], TimeSpan.FromSeconds(30));
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.True(v.Daemon!.WaitForExit(TestVolume.StopTimeout), "daemon still running after umount");
        Assert.Equal(0, v.Daemon.ExitCode);
    }

    [Fact]
    public void DeadMountAfterSigkill_IsENOTCONN_UntilRemount()
    {
        using var v = TestVolume.Mount(Spec, "life-kill");
        v.Kill();
        // A fresh name forces a LOOKUP to the (dead) daemon; the root's attributes may still be cached.
        Assert.Equal(Errno.ENOTCONN, TestVolume.ProbeErrno(v.Path));
        v.Start();
        AssertSingleLiveMount(v);
        Assert.Equal(1ul, Native.Stat(v.Path).Ino);
    }
}
