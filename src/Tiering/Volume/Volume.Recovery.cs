using TieredFs.Tiering.Recovery;

namespace TieredFs.Tiering.Volume;

// Recovery at open: what a crash left in the data files is reclaimed before anyone can read it.
public sealed partial class Volume
{
    /// <summary>What the data scrub at open found and reclaimed.</summary>
    public ScrubReport StartupScrub { get; private set; } = new(repaired: false);

    /// <summary>
    /// Runs the data scrub (see <see cref="DataScrub"/>) before the volume serves anything: after
    /// orphans are removed, before migration starts. A file it cannot repair is logged and left;
    /// the data path still never shows its stale bytes (new extents and grown ranges are punched).
    /// </summary>
    private void ReclaimUnreferencedData()
    {
        var report = new DataScrub(_store, _tiers, ExtentSize).Run(repair: true);
        StartupScrub = report;
        if (report.FoundAnything)
            s_log.Information("Reclaimed {Extents} extents ({Bytes} bytes) of data no committed file references, left by an unclean stop; removed {Unknown} data files of unknown inodes ({Checked} checked)",
                report.ExtentsReclaimed, report.BytesReclaimed, report.DataFilesOfUnknownInodes, report.DataFilesChecked);
        else
            s_log.Debug("Data scrub: {Checked} data files checked, nothing to reclaim", report.DataFilesChecked);
    }
}
