using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    public int Unlink(ulong parent, ReadOnlySpan<byte> name) => RemoveEntry(parent, name, directory: false);

    public int RmDir(ulong parent, ReadOnlySpan<byte> name) => RemoveEntry(parent, name, directory: true);

    private int RemoveEntry(ulong parent, ReadOnlySpan<byte> name, bool directory)
    {
        if (name.Length > MaxNameLength)
            return PosixError.ENAMETOOLONG;
        if (directory && name.SequenceEqual("."u8))
            return PosixError.EINVAL;
        if (directory && name.SequenceEqual(".."u8))
            return PosixError.ENOTEMPTY;
        try
        {
            NamespaceChange change;
            lock (_ns)
            {
                var dir = GetInode(parent);
                if (dir is null)
                    return PosixError.ENOENT;
                if (!dir.IsDirectory)
                    return PosixError.ENOTDIR;
                var children = ChildrenOf(dir);
                string key = MetadataStore.NameKey(name);
                if (!children.TryGetValue(key, out var entry))
                    return PosixError.ENOENT;
                var inode = GetInode(entry.Ino);
                if (inode is null)
                    return PosixError.ENOENT;
                if (directory && !inode.IsDirectory)
                    return PosixError.ENOTDIR;
                if (!directory && inode.IsDirectory)
                    return PosixError.EISDIR;
                if (directory && ChildrenOf(inode).Count > 0)
                    return PosixError.ENOTEMPTY;

                change = new NamespaceChange(Clock.NowNs());
                change.NameRemoved(dir, inode);
                // A removal may use the metadata reserve: on a full volume, deleting is how space comes back.
                _store.TransactionUsingReserve(store =>
                {
                    store.DeleteDentry(dir.Ino, key);
                    change.WriteTo(store);
                });
                change.Apply();
                children.Remove(key);
            }
            // Data goes only after the commit that made it unreachable.
            if (change.Deleted is { } deleted)
                DeleteData(deleted);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, directory ? "rmdir" : "unlink");
        }
    }

    /// <summary>
    /// Removes an unreachable inode's rows and data (startup orphan scrub, last close, end of a
    /// move). If even the reserve cannot make room, the inode stays an orphan, in memory as in the
    /// store, and the next start removes it.
    /// </summary>
    private void DeleteInodeNow(Inode inode)
    {
        try
        {
            _store.TransactionUsingReserve(store => store.DeleteInode(inode.Ino));
        }
        catch (Exception e) when (StorageFull.Caused(e))
        {
            s_log.Warning("Could not remove unlinked inode {Ino} now: the metadata filesystem is full; the next start removes it", inode.Ino);
            return;
        }
        inode.Deleted = true;
        DeleteData(inode);
    }

    /// <summary>Deletes the inode's data files on every tier and returns its extents' capacity.</summary>
    private void DeleteData(Inode inode)
    {
        _dirty.TryRemove(inode.Ino, out _);
        if (!inode.IsRegular)
        {
            _inodes.TryRemove(inode.Ino, out _);
            return;
        }
        lock (inode.MapLock)
        {
            foreach (var (_, tierId) in inode.Extents.All)
                TierById(tierId).RemoveExtents(1);
            foreach (long index in inode.Extents.SortedIndexes())
                inode.Extents.Remove(index, out _);
            inode.Extents.TakePending();
        }
        inode.Files?.Dispose();
        foreach (var tier in _tiers)
            DeleteDataFile(tier.DataFilePath(inode.Ino));
        _inodes.TryRemove(inode.Ino, out _);
        // Space came back: if deletes had to use the metadata reserve, take it again now, before
        // new data fills what was freed.
        if (!_store.ReserveHeld)
            _store.TryRestoreReserve();
    }

    /// <summary>
    /// Deletes one tier's data file of a deleted inode. Most inodes have no data file on most
    /// tiers (nor, often, a shard directory): that is normal and silent.
    /// </summary>
    private static void DeleteDataFile(string path)
    {
        int errno = DataFileRemoval.Unlink(path);
        if (errno is 0 or PosixError.ENOENT)
            return;
        s_log.Warning("Could not delete data file {Path}: {Reason}; its space stays used until the file is removed", path, DataFileRemoval.Describe(errno));
    }
}
