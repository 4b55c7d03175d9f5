using TieredFs.Agents.Abstractions;
using TieredFs.Tiering.Metadata;
using TieredFs.Tiering.Telemetry;

namespace TieredFs.Tiering.Volume;

// What the migration side asks of the volume, and the I/O path's reports to it.
public sealed partial class Volume
{
    /// <summary>Set when a migration scheduler listens; null costs the I/O path nothing.</summary>
    internal AccessRing? Accesses { get; set; }

    /// <summary>Every tier's status, fastest first.</summary>
    public void TierStatuses(Span<TierStatus> destination)
    {
        for (int i = 0; i < _tiers.Length && i < destination.Length; i++)
            destination[i] = _tiers[i].Status();
    }

    /// <summary>The rank of the tier holding the extent, or −1.</summary>
    public int TierOf(ulong ino, long index)
    {
        if (!_inodes.TryGetValue(ino, out var inode))
        {
            // Not in memory: ask the store rather than load the inode, so sampling cold extents
            // in the background does not pull the whole namespace into memory.
            byte? id;
            lock (_store.Gate)
                id = _store.TierOfCommittedExtent(ino, index);
            return id is { } tierId && _tierById[tierId] is { } tier ? tier.Rank : -1;
        }
        if (inode.Deleted || !inode.IsRegular)
            return -1;
        lock (inode.MapLock)
            return inode.Extents.TryGetTier(index, out byte id) ? TierById(id).Rank : -1;
    }

    /// <summary>Committed extents on a tier after (ino, index), in key order: cold-candidate sampling.</summary>
    public List<(ulong Ino, long Index)> SampleCommittedExtents(int rank, ulong afterIno, long afterIndex, int count)
    {
        lock (_store.Gate)
            return _store.SampleExtents(_tiers[rank].Id, afterIno, afterIndex, count);
    }

    private void ReportAccess(Inode inode, long index, int rank, bool isWrite, int bytes, long startTicks, long endTicks)
    {
        Accesses?.TryWrite(new AccessRecord(inode.Ino, index, rank, isWrite, bytes, endTicks - startTicks, endTicks));
    }
}
