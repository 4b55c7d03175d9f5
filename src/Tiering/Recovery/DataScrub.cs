using Serilog;
using TieredFs.Tiering.DataPath;
using TieredFs.Tiering.Metadata;
using TieredFs.Tiering.Volume;

namespace TieredFs.Tiering.Recovery;

/// <summary>
/// Brings the tiers' data files back in line with the committed metadata, the only authority on
/// what a file holds. A crash leaves data files of inodes that were never committed, bytes written
/// but never committed (past the committed size, or in extents the map does not have) and the old
/// copy of an extent whose move was committed but not yet punched. None of it may ever become
/// readable, and all of it is space nobody would reclaim otherwise. The scrub deletes data files
/// of unknown inodes and punches every data range the metadata does not place on that tier below
/// the committed size (see <see cref="UnreferencedData"/>). Run it only while nothing else uses the volume: at open, or offline.
/// </summary>
public sealed class DataScrub
{
    private static readonly ILogger s_log = Log.ForContext<DataScrub>();

    private readonly MetadataStore _store;
    private readonly IReadOnlyList<Tier> _tiers;
    private readonly long _extentSize;
    private readonly int _extentShift;

    public DataScrub(MetadataStore store, IReadOnlyList<Tier> tiers, long extentSize)
    {
        _store = store;
        _tiers = tiers;
        _extentSize = extentSize;
        _extentShift = System.Numerics.BitOperations.Log2((ulong)extentSize);
    }

    /// <summary>
    /// For an offline check (a future <c>tieredfs fsck</c>): opens the volume's metadata (which
    /// fails while a daemon has it mounted), scrubs every tier and closes it again. Without
    /// <paramref name="repair"/> nothing is changed and the report says what a repair would reclaim.
    /// </summary>
    public static ScrubReport RunOffline(VolumeOptions options, bool repair)
    {
        string metaDir = options.MetadataDir ?? Path.Combine(options.Tiers[0].Path, "meta");
        if (!File.Exists(Path.Combine(metaDir, "tieredfs.db")))
            throw new VolumeOpenException($"no tieredfs metadata in {metaDir}");
        using var store = MetadataStore.Open(metaDir, options.ExtentSize);
        byte[] ids = store.ResolveTiers(options.Tiers.Select(t => t.Name).ToList());
        var tiers = new Tier[options.Tiers.Count];
        for (int i = 0; i < tiers.Length; i++)
        {
            var t = options.Tiers[i];
            tiers[i] = new Tier(i, ids[i], t.Name, t.Path, t.CapacityBytes ?? 0, t.HighWatermark, t.LowWatermark, options.ExtentSize);
        }
        return new DataScrub(store, tiers, options.ExtentSize).Run(repair);
    }

    /// <summary>Walks every tier's data files; with <paramref name="repair"/> false only counts.</summary>
    public ScrubReport Run(bool repair)
    {
        var report = new ScrubReport(repair);
        foreach (var tier in _tiers)
        {
            try
            {
                ScrubTier(tier, repair, report);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                report.Failures++;
                s_log.Warning("Could not scrub the data files of tier {Tier}: {Reason}", tier.Name, e.Message);
            }
        }
        return report;
    }

    private void ScrubTier(Tier tier, bool repair, ScrubReport report)
    {
        var data = new DirectoryInfo(tier.DataDirectory);
        if (!data.Exists)
            return;
        long blockSize = Posix.BlockSizeOf(tier.DataDirectory);
        foreach (var shardDir in data.EnumerateFileSystemInfos())
        {
            if (shardDir is not DirectoryInfo || IsSymlink(shardDir) || !DataFileNames.IsShard(shardDir.Name, out int shard))
            {
                report.UnrecognisedEntries++;
                continue;
            }
            foreach (var entry in ((DirectoryInfo)shardDir).EnumerateFileSystemInfos())
            {
                // Only regular files named as the volume names them: never follow a link out of the tier.
                if (entry is not FileInfo || IsSymlink(entry) || !DataFileNames.TryParseDataFile(shard, entry.Name, out ulong ino))
                {
                    report.UnrecognisedEntries++;
                    continue;
                }
                ScrubFile(tier, blockSize, entry.FullName, ino, repair, report);
            }
        }
    }

    private static bool IsSymlink(FileSystemInfo entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;

    private void ScrubFile(Tier tier, long blockSize, string path, ulong ino, bool repair, ScrubReport report)
    {
        report.DataFilesChecked++;
        try
        {
            CommittedLayout? layout;
            lock (_store.Gate)
                layout = _store.LoadCommittedLayout(ino);
            List<(long Start, long End)> reclaimed;
            using (var handle = File.OpenHandle(path, FileMode.Open, repair ? FileAccess.ReadWrite : FileAccess.Read))
            {
                // A data file of an unknown inode goes as a whole: everything in it is reclaimed.
                reclaimed = layout is null
                    ? DataRegions.Of(handle)
                    : UnreferencedData.Reclaim(handle, layout.ReferencedRanges(tier.Id, _extentSize), blockSize, repair);
            }
            if (layout is null)
            {
                if (repair)
                    File.Delete(path);
                report.DataFilesOfUnknownInodes++;
            }
            Count(reclaimed, report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Failures++;
            s_log.Warning("Could not scrub data file {Path}: {Reason}", path, e.Message);
        }
    }

    /// <summary>Adds the ranges' bytes and the number of distinct extents they touch (ranges ascending).</summary>
    private void Count(List<(long Start, long End)> ranges, ScrubReport report)
    {
        long lastCounted = -1;
        foreach (var (start, end) in ranges)
        {
            report.BytesReclaimed += end - start;
            long first = Math.Max(start >> _extentShift, lastCounted + 1);
            long last = (end - 1) >> _extentShift;
            if (last >= first)
                report.ExtentsReclaimed += last - first + 1;
            lastCounted = Math.Max(lastCounted, last);
        }
    }
}
