using TieredFs.Agents.Abstractions;
using TieredFs.Engine;
using TieredFs.Tiering.DataPath;
using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    /// <summary>
    /// Writes <paramref name="data"/> at <paramref name="offset"/> (at end of file for O_APPEND
    /// handles). Extents without a tier get one from the placement policy; a tier whose backing
    /// filesystem is full is skipped. ENOSPC only when no tier can take the extent.
    /// </summary>
    public int Write(ulong handle, long offset, ReadOnlySpan<byte> data, bool honourAppend, out int bytesWritten)
    {
        bytesWritten = 0;
        if (!_handles.TryGetValue(handle, out var file))
            return PosixError.EBADF;
        var inode = file.Inode;
        // Writes share the data lock; one that starts past the end of the file takes it alone,
        // because it clears the gap it exposes and no other write may be landing there meanwhile.
        bool exclusive = !(honourAppend && file.Append) && offset > Volatile.Read(ref inode.Size);
        EnterDataLock(inode, exclusive);
        try
        {
            if (honourAppend && file.Append)
            {
                lock (inode.MapLock)
                    offset = inode.Size;
            }
            if (offset < 0)
                return PosixError.EINVAL;
            if (offset + data.Length > MaxFileSize)
                return PosixError.EFBIG;
            long oldSize = Volatile.Read(ref inode.Size);
            if (offset > oldSize && !exclusive)
            {
                // The file shrank since we looked: start again holding the lock alone.
                ExitDataLock(inode, exclusive);
                exclusive = true;
                EnterDataLock(inode, exclusive);
                oldSize = Volatile.Read(ref inode.Size);
            }
            if (offset > oldSize)
            {
                int rc = ClearExposedRange(inode, oldSize, offset);
                if (rc != 0)
                    return rc;
            }
            long mask = ExtentSize - 1;
            int done = 0;
            int error = 0;
            while (done < data.Length)
            {
                long position = offset + done;
                long index = position >> _extentShift;
                int chunk = (int)Math.Min(data.Length - done, ExtentSize - (position & mask));
                error = WriteWithinExtent(inode, index, position, data.Slice(done, chunk));
                if (error != 0)
                    break;
                done += chunk;
            }
            if (done > 0)
            {
                lock (inode.MapLock)
                {
                    long end = offset + done;
                    if (end > inode.Size)
                        inode.Size = end;
                    inode.MtimeNs = inode.CtimeNs = Clock.NowNs();
                    MarkDirty(inode);
                }
            }
            bytesWritten = done;
            // A short write is reported as written bytes; the error surfaces on the next call.
            return done > 0 ? 0 : error;
        }
        finally
        {
            ExitDataLock(inode, exclusive);
        }
    }

    private static void EnterDataLock(Inode inode, bool exclusive)
    {
        if (exclusive)
            inode.DataLock.EnterWriteLock();
        else
            inode.DataLock.EnterReadLock();
    }

    private static void ExitDataLock(Inode inode, bool exclusive)
    {
        if (exclusive)
            inode.DataLock.ExitWriteLock();
        else
            inode.DataLock.ExitReadLock();
    }

    private int WriteWithinExtent(Inode inode, long index, long position, ReadOnlySpan<byte> data)
    {
        // Each retry follows a tier being marked full, so one attempt per tier (plus one) is enough;
        // the bound keeps a misbehaving filesystem from spinning this thread forever.
        for (int attempt = 0; attempt <= _tiers.Length; attempt++)
        {
            int placed = PlaceExtent(inode, index, data.Length, out byte tierId, out bool isNew);
            if (placed != 0)
                return placed;
            var tier = TierById(tierId);
            var handle = inode.Files!.Get(tier, inode.Ino, create: true);
            long started = IoStart();
            int rc = PosixIo.WriteFully(handle, data, position);
            long ended = _telemetry.Write(tier.Rank, rc == 0 ? data.Length : 0, started);
            if (rc == 0)
            {
                ReportAccess(inode, index, tier.Rank, isWrite: true, data.Length, started, ended);
                return 0;
            }
            if (rc != PosixError.ENOSPC || !isNew)
                return rc;
            // The tier's filesystem is really full: give the extent back, then mark the tier full at
            // its present use (in this order: giving an extent back clears the mark), and let
            // placement pick again.
            lock (inode.MapLock)
            {
                if (inode.Extents.Remove(index, out _))
                    tier.RemoveExtents(1);
            }
            tier.MarkBackingFull();
            Posix.PunchHole(handle, position & ~(ExtentSize - 1), ExtentSize);
        }
        return PosixError.ENOSPC;
    }

    /// <summary>
    /// The extent's tier; an extent without one gets one now (placement policy, capacity counted,
    /// map change pending) after its range in that tier's data file is cleared of whatever was
    /// there. 0, ENOSPC when no tier has room, or the errno of clearing the range.
    /// </summary>
    private int PlaceExtent(Inode inode, long index, int requestBytes, out byte tierId, out bool isNew)
    {
        lock (inode.MapLock)
        {
            isNew = false;
            if (inode.Extents.TryGetTier(index, out tierId))
                return 0;
            int rank = ChooseTierFor(inode, index, requestBytes);
            if (rank < 0)
                return PosixError.ENOSPC;
            var chosen = _tiers[rank];
            tierId = chosen.Id;
            int rc = ClearNewExtentUnsynchronized(inode, chosen, index);
            if (rc != 0)
                return rc;
            chosen.AddExtents(1);
            inode.Extents.Set(index, tierId);
            isNew = true;
            MarkDirty(inode);
            return 0;
        }
    }

    /// <summary>Asks the tiering engine (or an injected placement policy); the tiers' current fill is passed fastest first.</summary>
    private int ChooseTier(ulong ino, long index, int requestBytes)
    {
        Span<TierStatus> status = stackalloc TierStatus[_tiers.Length];
        for (int i = 0; i < _tiers.Length; i++)
            status[i] = _tiers[i].Status();
        int rank;
        if (_engine is { } engine)
        {
            // The same extent id the access ring reports later, so rewards find their decision.
            rank = engine.Place(ExtentId.Of(ino, index), requestBytes, isWrite: true, status);
        }
        else
        {
            var request = new PlacementRequest(index, requestBytes, IsWrite: true, CurrentTier: -1, ExtentBytes: ExtentSize);
            // Policies are not thread-safe; new extents are rare next to I/O, so a lock is cheap.
            lock (PolicyGate)
                rank = _placement.ChooseTier(in request, status);
        }
        if (rank >= 0 && rank < _tiers.Length && status[rank].RoomBelowCapacity >= ExtentSize)
            return rank;
        // Never trust a policy to respect capacity: fall back to the first tier with room.
        for (int i = 0; i < status.Length; i++)
        {
            if (status[i].RoomBelowCapacity >= ExtentSize)
                return i;
        }
        return -1;
    }
}
