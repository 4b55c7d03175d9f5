using TieredFs.Tiering.Metadata;
using TieredFs.Tiering.Recovery;
using TieredFs.Tiering.Tests.Infrastructure;

namespace TieredFs.Tiering.Tests.Recovery;

/// <summary>The scrub as an offline check (what a future <c>tieredfs fsck</c> calls): a dry run changes nothing.</summary>
public sealed class OfflineScrubTests
{
    private const int E = 64 << 10;

    [Fact]
    public void A_dry_run_reports_and_a_repair_reclaims()
    {
        using var v = new TempVolume(E);
        ulong ino = v.CreateFile("f", new byte[E]);
        string stray = v.Volume.Tiers[0].DataFilePath(ino + 1);
        string slow = v.Volume.Tiers[1].DataFilePath(ino);
        ScrubReport? dryRun = null, repair = null;

        v.Reopen(() =>
        {
            DataFileProbe.Plant(stray, 0, E, 0xAB);
            DataFileProbe.Plant(slow, 0, E, 0xAB);
            dryRun = DataScrub.RunOffline(v.Options, repair: false);
            Assert.True(File.Exists(stray));
            Assert.False(DataFileProbe.IsHole(slow, 0, E));
            repair = DataScrub.RunOffline(v.Options, repair: true);
        });

        Assert.Equal(1, dryRun!.DataFilesOfUnknownInodes);
        Assert.Equal(2, dryRun.ExtentsReclaimed);
        Assert.False(dryRun.Repaired);
        Assert.Equal(dryRun.ExtentsReclaimed, repair!.ExtentsReclaimed);
        Assert.Equal(dryRun.BytesReclaimed, repair.BytesReclaimed);
        Assert.False(File.Exists(stray));
        Assert.True(DataFileProbe.IsHole(slow, 0, E));
        Assert.False(v.Volume.StartupScrub.FoundAnything);
    }

    [Fact]
    public void It_refuses_a_volume_that_is_open()
    {
        using var v = new TempVolume(E);
        Assert.Throws<VolumeOpenException>(() => DataScrub.RunOffline(v.Options, repair: false));
    }
}
