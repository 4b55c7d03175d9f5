using Microsoft.Win32.SafeHandles;

namespace TieredFs.Tiering.DataPath;

/// <summary>
/// Makes a range of a data file read as zeros before it becomes part of a user's file. A data file
/// can hold bytes the file never acknowledged (written before a crash, before the metadata commit),
/// a leftover copy of a moved extent, or a deleted file's data under a reused inode number: none of
/// that may ever be readable.
/// </summary>
internal static class StaleBytes
{
    /// <summary>
    /// Punches [<paramref name="offset"/>, +<paramref name="length"/>) of the data file; 0 or errno.
    /// A data file that ends before the range reads zeros there already, so that case (the usual
    /// one for a growing file) costs no fallocate. A range past the file's end is punched as asked:
    /// that frees the block holding the end whole rather than zeroing it in place.
    /// </summary>
    public static int Discard(SafeFileHandle handle, long offset, long length)
    {
        long fileLength = RandomAccess.GetLength(handle);
        if (offset >= fileLength || length <= 0)
            return 0;
        int rc = Posix.PunchHole(handle, offset, length);
        // A backing filesystem without hole punching still must not show old bytes.
        return rc == PosixError.EOPNOTSUPP ? WriteZeros(handle, offset, Math.Min(length, fileLength - offset)) : rc;
    }

    private static int WriteZeros(SafeFileHandle handle, long offset, long length)
    {
        ReadOnlySpan<byte> zeros = new byte[(int)Math.Min(length, 1 << 20)];
        for (long done = 0; done < length;)
        {
            int chunk = (int)Math.Min(zeros.Length, length - done);
            int rc = PosixIo.WriteFully(handle, zeros[..chunk], offset + done);
            if (rc != 0)
                return rc;
            done += chunk;
        }
        return 0;
    }
}
