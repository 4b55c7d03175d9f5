using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

// Committing the data-side metadata (size, times, extent map) that writes change in memory.
public sealed partial class Volume
{
    /// <summary>Set while flushes find the metadata filesystem full, so that is logged once, not every second.</summary>
    private volatile bool _flushWaitsForSpace;

    private void MarkDirty(Inode inode)
    {
        if (!inode.AttributesDirty)
        {
            inode.AttributesDirty = true;
            _dirty.TryAdd(inode.Ino, inode);
        }
    }

    /// <summary>
    /// Writes the inode's row and its pending extent changes in one transaction. With
    /// <paramref name="durable"/>, the commit is fsynced (fsync/fdatasync replies wait for this).
    /// The data these rows describe is written already, so the commit may use the metadata
    /// reserve: on a full volume an acknowledged write must not be lost for want of a few pages.
    /// </summary>
    private void CommitInode(Inode inode, bool durable)
    {
        lock (_store.Gate)
        {
            KeyValuePair<long, byte>[] changes;
            lock (inode.MapLock)
            {
                changes = inode.Extents.TakePending();
                inode.AttributesDirty = false;
                _dirty.TryRemove(inode.Ino, out _);
            }
            if (inode.Deleted)
                return;
            try
            {
                _store.TransactionUsingReserve(store =>
                {
                    store.UpdateInode(inode);
                    store.ApplyExtentChanges(inode.Ino, changes);
                }, durable);
            }
            catch
            {
                lock (inode.MapLock)
                {
                    inode.Extents.RestorePending(changes);
                    MarkDirty(inode);
                }
                throw;
            }
        }
    }

    /// <summary>
    /// Commits every inode with uncommitted changes (timer, unmount). A full metadata filesystem
    /// does not stop the others: those inodes stay dirty for the next flush, and it is reported
    /// once. Any other failure is thrown.
    /// </summary>
    public void FlushAll()
    {
        int waiting = 0;
        foreach (var inode in _dirty.Values)
        {
            try
            {
                CommitInode(inode, durable: false);
            }
            catch (Exception e) when (StorageFull.Caused(e))
            {
                waiting++;
            }
        }
        ReportFlushSpace(waiting);
    }

    private void ReportFlushSpace(int waiting)
    {
        if (waiting > 0 && !_flushWaitsForSpace)
        {
            _flushWaitsForSpace = true;
            s_log.Warning("The metadata filesystem is full: sizes and extent maps of {Count} files wait to be committed; retrying every flush until space is freed", waiting);
        }
        else if (waiting == 0 && _flushWaitsForSpace)
        {
            _flushWaitsForSpace = false;
            s_log.Information("Uncommitted sizes and extent maps are committed again");
        }
    }

    private void FlushAllQuietly()
    {
        try
        {
            // Space freed outside the volume (or by deletes) lets the store take its reserve back.
            if (!_store.ReserveHeld)
                _store.TryRestoreReserve();
            FlushAll();
        }
        catch (Exception e)
        {
            s_log.Error(e, "Periodic metadata flush failed; will retry");
        }
    }
}
