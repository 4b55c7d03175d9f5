using TieredFs.Tiering.DataPath;
using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

// Open handles: open, release, flush, fsync.
public sealed partial class Volume
{
    public int Open(ulong ino, int flags, out ulong handle)
    {
        handle = 0;
        lock (_ns)
        {
            var inode = GetInode(ino);
            if (inode is null)
                return PosixError.ENOENT;
            if (inode.IsDirectory && (flags & 3) != 0)
                return PosixError.EISDIR;
            handle = NewHandleUnsynchronized(inode, flags);
            return 0;
        }
    }

    /// <summary>close(2) of one descriptor: commit what the file's writes changed, so other
    /// processes and a restart see it (the data itself is in the backing page cache already).</summary>
    public int Flush(ulong handle)
    {
        if (!_handles.TryGetValue(handle, out var file))
            return PosixError.EBADF;
        try
        {
            if (file.Inode.HasUncommittedChanges)
                CommitInode(file.Inode, durable: false);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, "flush");
        }
    }

    public int Release(ulong handle)
    {
        if (!_handles.TryRemove(handle, out var file))
            return PosixError.EBADF;
        var inode = file.Inode;
        try
        {
            bool deleteNow;
            lock (_ns)
            {
                int remaining = Interlocked.Decrement(ref inode.OpenCount);
                deleteNow = remaining == 0 && inode.Nlink == 0 && !inode.Deleted;
                if (!deleteNow && inode.HasUncommittedChanges)
                    CommitInode(inode, durable: false);
                if (deleteNow)
                {
                    // Last close of an unlinked file: now its data may go.
                    DeleteInodeNow(inode);
                }
            }
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, "release");
        }
    }

    /// <summary>
    /// Makes the file's data and metadata durable: fdatasync every tier's data file of this
    /// inode (and the shard directory of any data file created since), then a durable commit of
    /// size and extent map. Only then may the caller's fsync return.
    /// </summary>
    public int Fsync(ulong ino, ulong handle, bool dataOnly)
    {
        var inode = _handles.TryGetValue(handle, out var file) ? file.Inode : GetInode(ino);
        if (inode is null)
            return PosixError.ENOENT;
        try
        {
            if (inode.IsRegular && inode.Files is not null)
            {
                foreach (var tier in _tiers)
                {
                    var h = inode.Files.TryGetExisting(tier, inode.Ino);
                    if (h is null)
                        continue;
                    int rc = dataOnly ? Posix.DataSync(h) : Posix.FullSync(h);
                    if (rc != 0)
                        return rc;
                    if (inode.Files.TakeCreatedSinceSync(tier))
                    {
                        rc = Posix.SyncDirectory(Path.GetDirectoryName(tier.DataFilePath(inode.Ino))!);
                        if (rc != 0)
                            return rc;
                    }
                }
            }
            CommitInode(inode, durable: true);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, "fsync");
        }
    }

    /// <summary>fsync of a directory: namespace changes are committed already; make them durable.</summary>
    public int FsyncDirectory(ulong ino)
    {
        var inode = GetInode(ino);
        if (inode is null)
            return PosixError.ENOENT;
        try
        {
            CommitInode(inode, durable: true);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, "fsyncdir");
        }
    }

    /// <summary>A new file or directory handle; it keeps the inode in memory until released (caller holds the namespace lock).</summary>
    private ulong NewHandleUnsynchronized(Inode inode, int flags)
    {
        Interlocked.Increment(ref inode.OpenCount);
        ulong handle = (ulong)Interlocked.Increment(ref _nextHandle);
        _handles[handle] = new OpenFile(inode, flags);
        return handle;
    }

    private bool TryGetFile(ulong handle, out Inode inode)
    {
        if (_handles.TryGetValue(handle, out var file))
        {
            inode = file.Inode;
            return true;
        }
        inode = null!;
        return false;
    }
}
