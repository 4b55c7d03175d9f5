using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

// Committing the data-side metadata (size, times, extent map) that writes change in memory.
public sealed partial class Volume
{
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
            _store.Begin();
            try
            {
                _store.UpdateInode(inode);
                _store.ApplyExtentChanges(inode.Ino, changes);
                if (durable)
                    _store.CommitDurable();
                else
                    _store.Commit();
            }
            catch
            {
                _store.Rollback();
                lock (inode.MapLock)
                {
                    inode.Extents.RestorePending(changes);
                    MarkDirty(inode);
                }
                throw;
            }
        }
    }

    /// <summary>Commits every inode with uncommitted changes (timer, unmount).</summary>
    public void FlushAll()
    {
        foreach (var inode in _dirty.Values)
            CommitInode(inode, durable: false);
    }

    private void FlushAllQuietly()
    {
        try
        {
            FlushAll();
        }
        catch (Exception e)
        {
            s_log.Error(e, "Periodic metadata flush failed; will retry");
        }
    }
}
