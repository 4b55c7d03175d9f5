using TieredFs.Tiering.DataPath;

namespace TieredFs.Tiering.Volume;

// fallocate, SEEK_DATA/SEEK_HOLE and copy_file_range.
public sealed partial class Volume
{
    public const int FallocKeepSize = 1;
    public const int FallocPunchHole = 2;
    public const int SeekData = 3;
    public const int SeekHole = 4;

    public int Fallocate(ulong handle, long offset, long length, int mode)
    {
        if (!TryGetFile(handle, out var inode))
            return PosixError.EBADF;
        if (offset < 0 || length <= 0)
            return PosixError.EINVAL;
        if ((mode & ~(FallocKeepSize | FallocPunchHole)) != 0)
            return PosixError.EOPNOTSUPP;
        if (offset + length > MaxFileSize)
            return PosixError.EFBIG;
        try
        {
            int rc = (mode & FallocPunchHole) != 0
                ? PunchHole(inode, offset, length, mode)
                : Preallocate(inode, offset, length, (mode & FallocKeepSize) != 0);
            if (rc == 0)
                CommitInode(inode, durable: false);
            return rc;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "fallocate");
        }
    }

    /// <summary>
    /// Gives every extent in the range a tier and reserves its blocks there. Without KEEP_SIZE the
    /// file may grow over ranges it never wrote: those are cleared first, so they read as zeros.
    /// Exclusive, as a grow must not race a write into the range it clears; fallocate is rare.
    /// </summary>
    private int Preallocate(Metadata.Inode inode, long offset, long length, bool keepSize)
    {
        inode.DataLock.EnterWriteLock();
        try
        {
            long end = offset + length;
            long oldSize = Volatile.Read(ref inode.Size);
            if (!keepSize && end > oldSize)
            {
                int cleared = ClearExposedRange(inode, oldSize, end);
                if (cleared != 0)
                    return cleared;
            }
            long mask = ExtentSize - 1;
            for (long position = offset; position < end;)
            {
                long index = position >> _extentShift;
                long chunk = Math.Min(end - position, ExtentSize - (position & mask));
                int rc = PlaceExtent(inode, index, (int)chunk, out byte tierId, out _);
                if (rc != 0)
                    return rc;
                var tier = TierById(tierId);
                var file = inode.Files!.Get(tier, inode.Ino, create: true);
                rc = Posix.Allocate(file, FallocKeepSize, position, chunk);
                if (rc != 0)
                    return rc;
                position += chunk;
            }
            lock (inode.MapLock)
            {
                if (!keepSize && end > inode.Size)
                    inode.Size = end;
                inode.CtimeNs = Clock.NowNs();
                if (!keepSize)
                    inode.MtimeNs = inode.CtimeNs;
                MarkDirty(inode);
            }
            return 0;
        }
        finally
        {
            inode.DataLock.ExitWriteLock();
        }
    }

    /// <summary>Whole extents in the range lose their tier (capacity returns); partial ones get a hole punched in place.</summary>
    private int PunchHole(Metadata.Inode inode, long offset, long length, int mode)
    {
        if ((mode & FallocKeepSize) == 0)
            return PosixError.EINVAL;
        inode.DataLock.EnterWriteLock();
        try
        {
            long end = offset + length;
            long mask = ExtentSize - 1;
            for (long position = offset; position < end;)
            {
                long index = position >> _extentShift;
                long extentStart = position & ~mask;
                long chunk = Math.Min(end - position, ExtentSize - (position & mask));
                byte tierId;
                bool mapped;
                lock (inode.MapLock)
                    mapped = inode.Extents.TryGetTier(index, out tierId);
                if (mapped)
                {
                    var tier = TierById(tierId);
                    var file = inode.Files!.Get(tier, inode.Ino, create: true);
                    bool whole = position == extentStart && chunk == ExtentSize;
                    int rc = Posix.PunchHole(file, whole ? extentStart : position, whole ? ExtentSize : chunk);
                    if (rc != 0)
                        return rc;
                    if (whole)
                    {
                        lock (inode.MapLock)
                        {
                            if (inode.Extents.Remove(index, out _))
                                tier.RemoveExtents(1);
                        }
                    }
                }
                position += chunk;
            }
            lock (inode.MapLock)
            {
                inode.MtimeNs = inode.CtimeNs = Clock.NowNs();
                MarkDirty(inode);
            }
            return 0;
        }
        finally
        {
            inode.DataLock.ExitWriteLock();
        }
    }

    /// <summary>
    /// SEEK_DATA / SEEK_HOLE. Extents without a tier are holes; inside an extent the tier's data
    /// file answers, so holes within extents are found too.
    /// </summary>
    public int Seek(ulong handle, long offset, int whence, out long result)
    {
        result = 0;
        if (!TryGetFile(handle, out var inode))
            return PosixError.EBADF;
        if (whence is not (SeekData or SeekHole))
            return PosixError.EINVAL;
        inode.DataLock.EnterReadLock();
        try
        {
            long size = Volatile.Read(ref inode.Size);
            if (offset < 0 || offset >= size)
                return PosixError.ENXIO;
            long mask = ExtentSize - 1;
            for (long position = offset; position < size;)
            {
                long index = position >> _extentShift;
                long extentEnd = Math.Min(((index + 1) << _extentShift), size);
                bool mapped;
                byte tierId;
                lock (inode.MapLock)
                    mapped = inode.Extents.TryGetTier(index, out tierId);
                if (!mapped)
                {
                    if (whence == SeekHole)
                    {
                        result = position;
                        return 0;
                    }
                    position = NextMappedExtentStart(inode, index, size);
                    continue;
                }
                var file = inode.Files!.Get(TierById(tierId), inode.Ino, create: true);
                long found = Posix.Seek(file, position, whence);
                if (found >= 0 && found < extentEnd)
                {
                    result = found;
                    return 0;
                }
                // Past the data file's end: SEEK_HOLE finds the implicit hole there.
                if (whence == SeekHole && found < 0)
                {
                    result = position;
                    return 0;
                }
                position = extentEnd;
            }
            if (whence == SeekHole)
            {
                result = size;
                return 0;
            }
            return PosixError.ENXIO;
        }
        finally
        {
            inode.DataLock.ExitReadLock();
        }
    }

    private long NextMappedExtentStart(Metadata.Inode inode, long afterIndex, long size)
    {
        lock (inode.MapLock)
        {
            foreach (long index in inode.Extents.SortedIndexes())
            {
                if (index > afterIndex)
                    return Math.Min(index << _extentShift, size);
            }
        }
        return size;
    }

    /// <summary>copy_file_range through the volume's own read and write paths, 1 MiB at a time.</summary>
    public int CopyRange(ulong handleIn, long offsetIn, ulong handleOut, long offsetOut, long length, Func<bool> interrupted, out long copied)
    {
        copied = 0;
        if (!TryGetFile(handleIn, out _) || !TryGetFile(handleOut, out _))
            return PosixError.EBADF;
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            while (copied < length && !interrupted())
            {
                int want = (int)Math.Min(buffer.Length, length - copied);
                int rc = Read(handleIn, offsetIn + copied, buffer.AsSpan(0, want), out int read);
                if (rc != 0)
                    return copied > 0 ? 0 : rc;
                if (read == 0)
                    break;
                rc = Write(handleOut, offsetOut + copied, buffer.AsSpan(0, read), honourAppend: false, out int written);
                if (rc != 0)
                    return copied > 0 ? 0 : rc;
                copied += written;
                if (written < read)
                    break;
            }
            return 0;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
