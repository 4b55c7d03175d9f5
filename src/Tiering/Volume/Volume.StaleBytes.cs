using TieredFs.Tiering.DataPath;
using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

// Never expose stale bytes. Whatever a data file holds where the user's file never wrote (bytes
// of a write a crash kept from being committed, the old copy of a moved extent, a deleted file's
// data under a reused inode number) must read as zeros once that range becomes part of the file.
// The scrub at open reclaims such bytes; this is the defence that holds whatever their source:
// a new extent is punched before anyone can see it, and a file that grows has the newly exposed
// range punched within the extents it already has.
public sealed partial class Volume
{
    /// <summary>
    /// Clears extent <paramref name="index"/>'s range in <paramref name="tier"/>'s data file before
    /// the extent is published (caller holds MapLock, so no write can land there first). One
    /// fallocate per new extent, none when there is no data file or it ends before the extent.
    /// </summary>
    private int ClearNewExtentUnsynchronized(Inode inode, Tier tier, long index)
    {
        var handle = inode.Files!.TryGetExisting(tier, inode.Ino);
        return handle is null ? 0 : StaleBytes.Discard(handle, index << _extentShift, ExtentSize);
    }

    /// <summary>
    /// [<paramref name="from"/>, <paramref name="to"/>) is becoming part of the file (its size
    /// grows past the old end without writing there): clears the range within the extents already
    /// on a tier, one fallocate per run of adjacent extents on the same tier. Extents without a tier
    /// read as zeros anyway. Caller holds DataLock exclusively, so no write is in flight there.
    /// </summary>
    private int ClearExposedRange(Inode inode, long from, long to)
    {
        if (to <= from)
            return 0;
        long first = from >> _extentShift;
        long last = (to - 1) >> _extentShift;
        var run = new ExtentRun(this, inode, from, to);
        lock (inode.MapLock)
        {
            // Probe each index of a short range; scan the map when the range is longer than the map
            // (a truncate to 6 GiB must not probe 6,000 empty extents).
            IEnumerable<long> candidates = last - first < inode.Extents.Count
                ? Indexes(first, last)
                : inode.Extents.SortedIndexes();
            foreach (long index in candidates)
            {
                if (index < first || index > last || !inode.Extents.TryGetTier(index, out byte tierId))
                    continue;
                int rc = run.Add(index, tierId);
                if (rc != 0)
                    return rc;
            }
        }
        return run.Flush();
    }

    private static IEnumerable<long> Indexes(long first, long last)
    {
        for (long index = first; index <= last; index++)
            yield return index;
    }

    /// <summary>Adjacent extents on one tier, cleared with one fallocate.</summary>
    private struct ExtentRun(Volume volume, Inode inode, long from, long to)
    {
        private long _first = -1;
        private long _last = -1;
        private byte _tier;

        public int Add(long index, byte tierId)
        {
            if (_first >= 0 && tierId == _tier && index == _last + 1)
            {
                _last = index;
                return 0;
            }
            int rc = Flush();
            (_first, _last, _tier) = (index, index, tierId);
            return rc;
        }

        public int Flush()
        {
            if (_first < 0)
                return 0;
            long start = Math.Max(from, _first << volume._extentShift);
            long end = Math.Min(to, (_last + 1) << volume._extentShift);
            _first = -1;
            var handle = inode.Files!.TryGetExisting(volume.TierById(_tier), inode.Ino);
            return handle is null || end <= start ? 0 : StaleBytes.Discard(handle, start, end - start);
        }
    }
}
