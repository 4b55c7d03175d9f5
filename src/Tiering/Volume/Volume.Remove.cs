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
            Inode? toDelete = null;
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

                long now = Clock.NowNs();
                _store.Transaction(store =>
                {
                    store.DeleteDentry(dir.Ino, key);
                    DropLinkUnsynchronized(inode, dir, now);
                    dir.MtimeNs = dir.CtimeNs = now;
                    store.UpdateInode(dir);
                    toDelete = DeleteIfUnreachable(store, inode);
                });
                children.Remove(key);
            }
            // Data goes only after the commit that made it unreachable.
            if (toDelete is not null)
                DeleteData(toDelete);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, directory ? "rmdir" : "unlink");
        }
    }

    /// <summary>One name of <paramref name="inode"/> in <paramref name="dir"/> is gone (caller persists both).</summary>
    private static void DropLinkUnsynchronized(Inode inode, Inode dir, long now)
    {
        if (inode.IsDirectory)
        {
            inode.Nlink = 0;
            dir.Nlink--;
        }
        else
        {
            inode.Nlink--;
        }
        inode.CtimeNs = now;
    }

    /// <summary>
    /// After a link was dropped (caller's transaction): an inode with no names and no open handles
    /// loses its rows now and is returned so its data can go after the commit; otherwise its new
    /// link count is written.
    /// </summary>
    private static Inode? DeleteIfUnreachable(MetadataStore store, Inode inode)
    {
        if (inode.Nlink == 0 && Volatile.Read(ref inode.OpenCount) == 0)
        {
            store.DeleteInode(inode.Ino);
            inode.Deleted = true;
            return inode;
        }
        store.UpdateInode(inode);
        return null;
    }

    /// <summary>Removes an unreachable inode's rows and data (startup orphan scrub, last close).</summary>
    private void DeleteInodeNow(Inode inode)
    {
        _store.Transaction(store =>
        {
            store.DeleteInode(inode.Ino);
            inode.Deleted = true;
        });
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
        {
            string path = tier.DataFilePath(inode.Ino);
            try
            {
                File.Delete(path);
            }
            catch (IOException e)
            {
                s_log.Warning(e, "Could not delete data file {Path}; the space stays used until it is removed", path);
            }
        }
        _inodes.TryRemove(inode.Ino, out _);
    }
}
