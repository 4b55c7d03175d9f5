using TieredFs.Tiering.DataPath;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    /// <summary>
    /// Reads up to buffer.Length bytes at <paramref name="offset"/>, stopping at end of file. A read
    /// that spans extents on different tiers becomes one pread per tier; holes read as zeros.
    /// </summary>
    public int Read(ulong handle, long offset, Span<byte> buffer, out int bytesRead)
    {
        bytesRead = 0;
        if (!TryGetFile(handle, out var inode))
            return PosixError.EBADF;
        if (offset < 0)
            return PosixError.EINVAL;
        inode.DataLock.EnterReadLock();
        try
        {
            long size = Volatile.Read(ref inode.Size);
            if (offset >= size)
                return 0;
            int length = (int)Math.Min(buffer.Length, size - offset);
            long mask = ExtentSize - 1;
            int done = 0;
            while (done < length)
            {
                long position = offset + done;
                long index = position >> _extentShift;
                int chunk = (int)Math.Min(length - done, ExtentSize - (position & mask));
                var target = buffer.Slice(done, chunk);
                bool mapped;
                byte tierId;
                lock (inode.MapLock)
                    mapped = inode.Extents.TryGetTier(index, out tierId);
                if (mapped)
                {
                    var tier = TierById(tierId);
                    var file = inode.Files!.Get(tier, inode.Ino, create: true);
                    long started = IoStart();
                    long n = PosixIo.ReadFully(file, target, position);
                    long ended = _telemetry.Read(tier.Rank, Math.Max(n, 0), started);
                    if (n < 0)
                        return (int)-n;
                    // The data file may end before the user's file does: the rest is a hole.
                    target.Slice((int)n).Clear();
                    ReportAccess(inode, index, tier.Rank, isWrite: false, chunk, started, ended);
                }
                else
                {
                    target.Clear();
                }
                done += chunk;
            }
            bytesRead = length;
            return 0;
        }
        finally
        {
            inode.DataLock.ExitReadLock();
        }
    }
}
