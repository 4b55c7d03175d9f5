using TieredFs.Tiering.DataPath;
using TieredFs.Tiering.Metadata;
using TieredFs.Tiering.Migration;

namespace TieredFs.Tiering.Volume;

// The migration mechanism (DESIGN.md §4): crash-safe by construction.
public sealed partial class Volume
{
    /// <summary>Test hook: called after each step of a move; throwing simulates a crash there.</summary>
    internal Action<MoveStep>? MoveStepObserver { get; set; }

    /// <summary>
    /// Moves extent <paramref name="index"/> of inode <paramref name="ino"/> to the tier of rank
    /// <paramref name="targetRank"/>: copy A→B and fdatasync B; commit map[e]=B durably (the commit
    /// point); only then punch the hole in A. A crash before the commit leaves A authoritative
    /// (B's copy is unreferenced); after it, B is (A's leftover is unreferenced).
    /// Writes and truncates of the file wait while its extent is copied.
    /// </summary>
    public MoveOutcome MoveExtent(ulong ino, long index, int targetRank) => MoveExtent(ino, index, targetRank, out _);

    /// <inheritdoc cref="MoveExtent(ulong, long, int)"/>
    /// <param name="timing">Time spent reading the source tier and writing + syncing the target.</param>
    public MoveOutcome MoveExtent(ulong ino, long index, int targetRank, out MoveTiming timing)
    {
        timing = default;
        if ((uint)targetRank >= (uint)_tiers.Length)
            return MoveOutcome.Failed;
        // Pins are law: whoever asks, a pinned file's extents only ever move to its pinned tier.
        int pinned = PinnedRank(ino);
        if (pinned >= 0 && pinned != targetRank)
            return MoveOutcome.Pinned;
        Inode? inode;
        bool wasInMemory;
        lock (_ns)
        {
            wasInMemory = _inodes.ContainsKey(ino);
            inode = GetInode(ino);
            if (inode is null || !inode.IsRegular)
                return MoveOutcome.NoSuchExtent;
            // Pin the inode in memory for the duration of the move.
            Interlocked.Increment(ref inode.OpenCount);
        }
        try
        {
            return MoveExtentLocked(inode, index, _tiers[targetRank], out timing);
        }
        finally
        {
            lock (_ns)
            {
                // Unlinked while it was being moved: the move's pin was its last reference.
                if (Interlocked.Decrement(ref inode.OpenCount) == 0 && inode.Nlink == 0 && !inode.Deleted)
                    DeleteInodeNow(inode);
                // Loaded only for this move: drop it again (it is committed; it reloads on demand).
                else if (!wasInMemory)
                    EvictIfIdleUnsynchronized(inode);
            }
        }
    }

    private MoveOutcome MoveExtentLocked(Inode inode, long index, Tier target, out MoveTiming timing)
    {
        timing = default;
        inode.DataLock.EnterWriteLock();
        try
        {
            byte sourceId;
            lock (inode.MapLock)
            {
                if (!inode.Extents.TryGetTier(index, out sourceId))
                    return MoveOutcome.NoSuchExtent;
            }
            if (sourceId == target.Id)
                return MoveOutcome.AlreadyThere;
            if (target.Status().RoomBelowCapacity < ExtentSize)
                return MoveOutcome.TargetFull;
            var source = TierById(sourceId);
            var from = inode.Files!.Get(source, inode.Ino, create: true);
            var to = inode.Files.Get(target, inode.Ino, create: true);
            long start = index << _extentShift;
            long length = Math.Min(ExtentSize, Math.Max(0, inode.Size - start));

            target.AddExtents(1);
            bool committed = false;
            try
            {
                // One large read instead of readahead-sized pieces: on a slow tier whose I/O is
                // limited per request (a throttled or seeking device) this is most of a move's cost.
                Posix.WillNeed(from, start, length);
                int rc = CopyRange(from, to, start, length, ref timing);
                if (rc != 0)
                    return MoveOutcome.Failed;
                MoveStepObserver?.Invoke(MoveStep.Copied);
                long syncStart = System.Diagnostics.Stopwatch.GetTimestamp();
                if (Posix.DataSync(to) != 0)
                    return MoveOutcome.Failed;
                if (inode.Files.TakeCreatedSinceSync(target))
                    Posix.SyncDirectory(Path.GetDirectoryName(target.DataFilePath(inode.Ino))!);
                timing.TargetUs += System.Diagnostics.Stopwatch.GetElapsedTime(syncStart).TotalMicroseconds;
                MoveStepObserver?.Invoke(MoveStep.TargetSynced);

                lock (inode.MapLock)
                {
                    inode.Extents.Set(index, target.Id);
                    MarkDirty(inode);
                }
                try
                {
                    CommitInode(inode, durable: true);
                }
                catch
                {
                    // Not committed: A stays authoritative, in memory as on disk.
                    lock (inode.MapLock)
                        inode.Extents.Set(index, sourceId);
                    throw;
                }
                committed = true;
                source.RemoveExtents(1);
                MoveStepObserver?.Invoke(MoveStep.Committed);

                Posix.PunchHole(from, start, ExtentSize);
                MoveStepObserver?.Invoke(MoveStep.SourcePunched);
                return MoveOutcome.Moved;
            }
            finally
            {
                if (!committed)
                    target.RemoveExtents(1);
            }
        }
        finally
        {
            inode.DataLock.ExitWriteLock();
        }
    }

    /// <summary>Copies [start, start+length) between two data files at the same offsets; 0 or errno.</summary>
    private static int CopyRange(Microsoft.Win32.SafeHandles.SafeFileHandle from, Microsoft.Win32.SafeHandles.SafeFileHandle to, long start, long length, ref MoveTiming timing)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(length == 0 ? 1 : length, 1 << 20));
        try
        {
            for (long done = 0; done < length;)
            {
                int want = (int)Math.Min(buffer.Length, length - done);
                var span = buffer.AsSpan(0, want);
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                long n = PosixIo.ReadFully(from, span, start + done);
                long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                timing.SourceUs += System.Diagnostics.Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
                if (n < 0)
                    return (int)-n;
                span.Slice((int)n).Clear(); // past the source file's end is a hole: zeros
                int rc = PosixIo.WriteFully(to, span, start + done);
                timing.TargetUs += System.Diagnostics.Stopwatch.GetElapsedTime(t1).TotalMicroseconds;
                if (rc != 0)
                    return rc;
                done += want;
            }
            return 0;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The extents of a file as (index, tier rank), ascending; for inspect, pin and tests.</summary>
    public IReadOnlyList<(long Index, int TierRank)> ExtentsOf(ulong ino)
    {
        var inode = GetInode(ino);
        if (inode is null || !inode.IsRegular)
            return [];
        var result = new List<(long, int)>();
        lock (inode.MapLock)
        {
            foreach (long index in inode.Extents.SortedIndexes())
            {
                inode.Extents.TryGetTier(index, out byte id);
                result.Add((index, TierById(id).Rank));
            }
        }
        return result;
    }
}
