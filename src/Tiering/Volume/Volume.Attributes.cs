using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    public int SetAttributes(ulong ino, in AttributeUpdate update, out NodeAttributes attributes)
    {
        attributes = default;
        try
        {
            Inode? inode;
            lock (_ns)
                inode = GetInode(ino);
            if (inode is null)
                return PosixError.ENOENT;
            var c = update.Changes;
            if ((c & AttributeChanges.Size) != 0)
            {
                if (inode.IsDirectory)
                    return PosixError.EISDIR;
                if (!inode.IsRegular)
                    return PosixError.EINVAL;
                if (update.Size < 0)
                    return PosixError.EINVAL;
                int rc = Truncate(inode, update.Size);
                if (rc != 0)
                    return rc;
            }
            lock (_ns)
            {
                long now = Clock.NowNs();
                lock (inode.MapLock)
                {
                    if ((c & AttributeChanges.Mode) != 0)
                        inode.Mode = (inode.Mode & ModeBits.TypeMask) | (update.Mode & ModeBits.PermissionMask);
                    if ((c & (AttributeChanges.Uid | AttributeChanges.Gid)) != 0)
                    {
                        bool changesOwner = ((c & AttributeChanges.Uid) != 0 && update.Uid != inode.Uid)
                            || ((c & AttributeChanges.Gid) != 0 && update.Gid != inode.Gid);
                        if ((c & AttributeChanges.Uid) != 0)
                            inode.Uid = update.Uid;
                        if ((c & AttributeChanges.Gid) != 0)
                            inode.Gid = update.Gid;
                        // chown of a regular file clears set-user-ID and (with group exec) set-group-ID, as on Linux.
                        if (changesOwner && inode.IsRegular && (c & AttributeChanges.Mode) == 0)
                        {
                            inode.Mode &= ~ModeBits.SetUid;
                            if ((inode.Mode & 0x8) != 0)
                                inode.Mode &= ~ModeBits.SetGid;
                        }
                    }
                    if ((c & AttributeChanges.AtimeNow) != 0)
                        inode.AtimeNs = now;
                    else if ((c & AttributeChanges.Atime) != 0)
                        inode.AtimeNs = update.AtimeNs;
                    if ((c & AttributeChanges.MtimeNow) != 0)
                        inode.MtimeNs = now;
                    else if ((c & AttributeChanges.Mtime) != 0)
                        inode.MtimeNs = update.MtimeNs;
                    inode.CtimeNs = (c & AttributeChanges.Ctime) != 0 ? update.CtimeNs : now;
                }
                CommitInode(inode, durable: false);
            }
            attributes = AttributesOf(inode);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "setattr");
        }
    }

    /// <summary>
    /// Changes the size. Shrinking drops whole extents past the end and cuts every tier's data
    /// file at the new size, which also discards the tail of the last kept extent. Growing clears
    /// the newly exposed range within extents already on a tier, so it reads as zeros whatever a
    /// data file held there (see Volume.StaleBytes.cs).
    /// </summary>
    private int Truncate(Inode inode, long newSize)
    {
        if (newSize > MaxFileSize)
            return PosixError.EFBIG;
        inode.DataLock.EnterWriteLock();
        try
        {
            long oldSize;
            lock (inode.MapLock)
                oldSize = inode.Size;
            if (newSize < oldSize)
            {
                long firstGone = (newSize + ExtentSize - 1) >> _extentShift;
                lock (inode.MapLock)
                {
                    foreach (long index in inode.Extents.SortedIndexes())
                    {
                        if (index >= firstGone && inode.Extents.Remove(index, out byte tierId))
                            TierById(tierId).RemoveExtents(1);
                    }
                }
                foreach (var tier in _tiers)
                {
                    var handle = inode.Files!.TryGetExisting(tier, inode.Ino);
                    if (handle is not null && RandomAccess.GetLength(handle) > newSize)
                    {
                        int rc = DataPath.Posix.Truncate(handle, newSize);
                        if (rc != 0)
                            return rc;
                    }
                }
            }
            else if (newSize > oldSize)
            {
                int rc = ClearExposedRange(inode, oldSize, newSize);
                if (rc != 0)
                    return rc;
            }
            lock (inode.MapLock)
            {
                inode.Size = newSize;
                inode.MtimeNs = inode.CtimeNs = Clock.NowNs();
            }
        }
        finally
        {
            inode.DataLock.ExitWriteLock();
        }
        CommitInode(inode, durable: false);
        return 0;
    }

    /// <summary>Largest file offset we accept: extent indexes must stay well inside a long.</summary>
    public const long MaxFileSize = 1L << 50;
}
