using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TieredFs.Tiering.DataPath;

/// <summary>POSIX calls on backing files that .NET does not expose.</summary>
internal static unsafe partial class Posix
{
    public const int FALLOC_FL_KEEP_SIZE = 1;
    public const int FALLOC_FL_PUNCH_HOLE = 2;
    public const int SEEK_DATA = 3;
    public const int SEEK_HOLE = 4;

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int Fallocate(int fd, int mode, long offset, long length);

    public const int POSIX_FADV_WILLNEED = 3;

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Fadvise(int fd, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdataSync(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfs(string path, out StatVfsBuffer buffer);

    /// <summary>struct statvfs on x86-64 glibc.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfsBuffer
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FsId;
        public ulong Flags;
        public ulong NameMax;
        public fixed int Spare[6];
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    public static int LastErrno => Marshal.GetLastPInvokeError();

    /// <summary>0 or errno.</summary>
    public static int Allocate(SafeFileHandle handle, int mode, long offset, long length)
        => Fallocate(Fd(handle), mode, offset, length) == 0 ? 0 : LastErrno;

    public static int PunchHole(SafeFileHandle handle, long offset, long length)
        => Allocate(handle, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length);

    /// <summary>
    /// Asks the kernel to read a range ahead in large requests (posix_fadvise WILLNEED returns the
    /// error number rather than setting errno). Advisory: a failure only costs speed.
    /// </summary>
    public static int WillNeed(SafeFileHandle handle, long offset, long length) => Fadvise(Fd(handle), offset, length, POSIX_FADV_WILLNEED);

    public static int DataSync(SafeFileHandle handle) => FdataSync(Fd(handle)) == 0 ? 0 : LastErrno;

    public static int FullSync(SafeFileHandle handle) => FSync(Fd(handle)) == 0 ? 0 : LastErrno;

    public static int Truncate(SafeFileHandle handle, long length) => FTruncate(Fd(handle), length) == 0 ? 0 : LastErrno;

    /// <summary>lseek with SEEK_DATA/SEEK_HOLE: the offset, or −errno (ENXIO past the last data).</summary>
    public static long Seek(SafeFileHandle handle, long offset, int whence)
    {
        long r = LSeek(Fd(handle), offset, whence);
        return r >= 0 ? r : -LastErrno;
    }

    /// <summary>(total bytes, available bytes) of the filesystem holding <paramref name="path"/>.</summary>
    public static (long Total, long Available) SpaceOf(string path)
    {
        if (StatVfs(path, out var s) != 0)
            return (0, 0);
        return ((long)(s.Blocks * s.FragmentSize), (long)(s.BlocksAvailable * s.FragmentSize));
    }

    /// <summary>
    /// The block size (f_bsize) of the filesystem holding <paramref name="path"/>: the unit in which
    /// SEEK_DATA reports data and hole punching frees space. 4096 when it cannot be asked.
    /// </summary>
    public static long BlockSizeOf(string path) =>
        StatVfs(path, out var s) == 0 && s.BlockSize is > 0 and <= 1 << 30 ? (long)s.BlockSize : 4096;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenPath(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>fsync of a directory, so a new entry in it (a data file) survives power loss. 0 or errno.</summary>
    public static int SyncDirectory(string path)
    {
        const int O_RDONLY = 0, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;
        int fd = OpenPath(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return LastErrno;
        int rc = FSync(fd) == 0 ? 0 : LastErrno;
        Close(fd);
        return rc;
    }
}

internal static unsafe partial class PosixIo
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    /// <summary>
    /// Reads until the buffer is full or end of file; returns bytes read or −errno. pread/pwrite
    /// directly (not RandomAccess) because the errno matters: ENOSPC on a tier means "try the
    /// next tier", which must not cost an exception.
    /// </summary>
    public static long ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int fd = (int)handle.DangerousGetHandle();
        long total = 0;
        fixed (byte* p = buffer)
        {
            while (total < buffer.Length)
            {
                nint n = PRead(fd, p + total, (nuint)(buffer.Length - total), offset + total);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == 4) continue; // EINTR
                    return -errno;
                }
                if (n == 0)
                    break;
                total += n;
            }
        }
        return total;
    }

    /// <summary>Writes all of <paramref name="data"/>; returns 0 or errno.</summary>
    public static int WriteFully(SafeFileHandle handle, ReadOnlySpan<byte> data, long offset)
    {
        int fd = (int)handle.DangerousGetHandle();
        long total = 0;
        fixed (byte* p = data)
        {
            while (total < data.Length)
            {
                nint n = PWrite(fd, p + total, (nuint)(data.Length - total), offset + total);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == 4) continue;
                    return errno;
                }
                total += n;
            }
        }
        return 0;
    }
}
