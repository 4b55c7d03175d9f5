using System.Runtime.InteropServices;
using System.Text;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>Result of statx(2); statx is used because its layout is the same on every architecture.</summary>
public sealed record StatInfo(
    ulong Ino, uint Mode, uint Nlink, uint Uid, uint Gid, long Size, long Blocks,
    long AtimeSec, uint AtimeNsec, long MtimeSec, uint MtimeNsec, long CtimeSec, uint CtimeNsec,
    uint DevMajor, uint DevMinor)
{
    public const uint S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFDIR = 0x4000, S_IFLNK = 0xA000, S_IFIFO = 0x1000;
    public uint Permissions => Mode & 0xFFF;
    public uint FileType => Mode & S_IFMT;
    public bool IsRegular => FileType == S_IFREG;
    public bool IsDirectory => FileType == S_IFDIR;
    public bool IsSymlink => FileType == S_IFLNK;
    public bool IsFifo => FileType == S_IFIFO;
}

/// <summary>struct statvfs (LP64 glibc layout).</summary>
public sealed record StatVfs(ulong BlockSize, ulong FragmentSize, ulong Blocks, ulong BlocksFree, ulong BlocksAvail,
    ulong Files, ulong FilesFree, ulong Flags, ulong NameMax)
{
    public ulong TotalBytes => Blocks * FragmentSize;
    public ulong FreeBytes => BlocksFree * FragmentSize;
    public ulong AvailBytes => BlocksAvail * FragmentSize;
}

public sealed record DirEntry(byte[] Name, ulong Ino, byte Type)
{
    public string NameString => Encoding.UTF8.GetString(Name);
}

/// <summary>An open file descriptor; closing is the point of several tests, so it is explicit and idempotent.</summary>
public sealed class Fd(int handle, string path) : IDisposable
{
    public int Handle { get; private set; } = handle;
    public string Path { get; } = path;

    public void Dispose()
    {
        if (Handle >= 0)
        {
            Native.Close(Handle);
            Handle = -1;
        }
    }
}

/// <summary>
/// Thin libc wrappers that throw <see cref="ErrnoException"/> so tests can assert exact errno values.
/// Paths are raw bytes (<see cref="NativePath"/>) so non-UTF-8 names work.
/// </summary>
public static unsafe partial class Native
{
    private static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    // open(2) flags: O_DIRECTORY/O_NOFOLLOW differ between x86_64 and arm64.
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_TRUNC = 0x200,
        O_APPEND = 0x400, O_CLOEXEC = 0x80000;
    public static int O_DIRECTORY => Arm64 ? 0x4000 : 0x10000;
    public static int O_NOFOLLOW => Arm64 ? 0x8000 : 0x20000;

    public const int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;
    public const int FALLOC_FL_KEEP_SIZE = 0x01, FALLOC_FL_PUNCH_HOLE = 0x02, FALLOC_FL_ZERO_RANGE = 0x10;
    public const uint RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2;
    public const int XATTR_CREATE = 1, XATTR_REPLACE = 2;
    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;
    public const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
    public const int SIGKILL = 9, SIGTERM = 15, SIGINT = 2;
    private const uint STATX_BASIC_STATS = 0x7FF;

    private static int Errno() => Marshal.GetLastPInvokeError();

    private static int Check(int rc, string op, object what)
    {
        if (rc < 0) throw new ErrnoException(Errno(), $"{op}({what})");
        return rc;
    }

    private static long Check(long rc, string op, object what)
    {
        if (rc < 0) throw new ErrnoException(Errno(), $"{op}({what})");
        return rc;
    }

    private static long Check(nint rc, string op, object what) => Check((long)rc, op, what);

    /// <summary>Runs <paramref name="action"/> and returns the errno it failed with, or 0 if it succeeded.</summary>
    public static int ErrnoOf(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (ErrnoException e)
        {
            return e.Errno;
        }
    }

    // ---- files ----------------------------------------------------------------------------------------------

    public static Fd Open(NativePath path, int flags, uint mode = 0x1A4 /* 0644 */)
    {
        fixed (byte* p = path.Terminated)
            return new Fd(Check(sys_open(p, flags | O_CLOEXEC, mode), "open", path), path.ToString());
    }

    public static void Close(int fd) => Check(sys_close(fd), "close", fd.ToString());

    public static int PWrite(Fd fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* b = data)
            return (int)Check(sys_pwrite(fd.Handle, b, (nint)data.Length, offset), "pwrite", fd.Path);
    }

    public static int PRead(Fd fd, Span<byte> buffer, long offset)
    {
        fixed (byte* b = buffer)
            return (int)Check(sys_pread(fd.Handle, b, (nint)buffer.Length, offset), "pread", fd.Path);
    }

    public static int Write(Fd fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* b = data)
            return (int)Check(sys_write(fd.Handle, b, (nint)data.Length), "write", fd.Path);
    }

    public static int Read(Fd fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
            return (int)Check(sys_read(fd.Handle, b, (nint)buffer.Length), "read", fd.Path);
    }

    /// <summary>pwrite until everything is written (a short write is legal POSIX).</summary>
    public static void PWriteAll(Fd fd, ReadOnlySpan<byte> data, long offset)
    {
        while (!data.IsEmpty)
        {
            var n = PWrite(fd, data, offset);
            if (n == 0) throw new IOException($"pwrite({fd.Path}) wrote 0 bytes at {offset}");
            data = data[n..];
            offset += n;
        }
    }

    /// <summary>pread until the buffer is full or EOF; returns the byte count.</summary>
    public static int PReadAll(Fd fd, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = PRead(fd, buffer[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public static long Lseek(Fd fd, long offset, int whence) => Check(sys_lseek(fd.Handle, offset, whence), "lseek", fd.Path);
    public static void Fsync(Fd fd) => Check(sys_fsync(fd.Handle), "fsync", fd.Path);
    public static void Fdatasync(Fd fd) => Check(sys_fdatasync(fd.Handle), "fdatasync", fd.Path);
    public static void Ftruncate(Fd fd, long length) => Check(sys_ftruncate(fd.Handle, length), "ftruncate", fd.Path);

    public static void Fallocate(Fd fd, int mode, long offset, long length) =>
        Check(sys_fallocate(fd.Handle, mode, offset, length), "fallocate", fd.Path);

    public static void Truncate(NativePath path, long length)
    {
        fixed (byte* p = path.Terminated) Check(sys_truncate(p, length), "truncate", path);
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    public static StatInfo Stat(NativePath path, bool followSymlinks = true)
    {
        var buf = stackalloc byte[256];
        fixed (byte* p = path.Terminated)
            Check(sys_statx(AT_FDCWD, p, followSymlinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf), "statx", path);
        return ParseStatx(buf);
    }

    public static StatInfo Lstat(NativePath path) => Stat(path, followSymlinks: false);

    public static StatInfo Fstat(Fd fd)
    {
        var buf = stackalloc byte[256];
        byte empty = 0;
        Check(sys_statx(fd.Handle, &empty, AT_EMPTY_PATH, STATX_BASIC_STATS, buf), "fstatx", fd.Path);
        return ParseStatx(buf);
    }

    private static StatInfo ParseStatx(byte* b) => new(
        Ino: *(ulong*)(b + 32), Mode: *(ushort*)(b + 28), Nlink: *(uint*)(b + 16), Uid: *(uint*)(b + 20),
        Gid: *(uint*)(b + 24), Size: *(long*)(b + 40), Blocks: *(long*)(b + 48),
        AtimeSec: *(long*)(b + 64), AtimeNsec: *(uint*)(b + 72),
        MtimeSec: *(long*)(b + 112), MtimeNsec: *(uint*)(b + 120),
        CtimeSec: *(long*)(b + 96), CtimeNsec: *(uint*)(b + 104),
        DevMajor: *(uint*)(b + 136), DevMinor: *(uint*)(b + 140));

    public static bool Exists(NativePath path) => ErrnoOf(() => Lstat(path)) == 0;

    public static void Chmod(NativePath path, uint mode)
    {
        fixed (byte* p = path.Terminated) Check(sys_chmod(p, mode), "chmod", path);
    }

    public static void Chown(NativePath path, int uid, int gid)
    {
        fixed (byte* p = path.Terminated) Check(sys_chown(p, uid, gid), "chown", path);
    }

    public static void Lchown(NativePath path, int uid, int gid)
    {
        fixed (byte* p = path.Terminated) Check(sys_lchown(p, uid, gid), "lchown", path);
    }

    /// <summary>utimensat(AT_FDCWD, ...); pass <see cref="UTIME_NOW"/>/<see cref="UTIME_OMIT"/> in the nsec fields.</summary>
    public static void Utimens(NativePath path, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec, bool followSymlinks = true)
    {
        var ts = stackalloc long[4] { atimeSec, atimeNsec, mtimeSec, mtimeNsec };
        fixed (byte* p = path.Terminated)
            Check(sys_utimensat(AT_FDCWD, p, ts, followSymlinks ? 0 : AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    public static StatVfs Statvfs(NativePath path)
    {
        var b = stackalloc ulong[14];
        fixed (byte* p = path.Terminated) Check(sys_statvfs(p, b), "statvfs", path);
        return new StatVfs(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[9], b[10]);
    }

    // ---- namespace ------------------------------------------------------------------------------------------

    public static void Mkdir(NativePath path, uint mode = 0x1ED /* 0755 */)
    {
        fixed (byte* p = path.Terminated) Check(sys_mkdir(p, mode), "mkdir", path);
    }

    public static void Rmdir(NativePath path)
    {
        fixed (byte* p = path.Terminated) Check(sys_rmdir(p), "rmdir", path);
    }

    public static void Unlink(NativePath path)
    {
        fixed (byte* p = path.Terminated) Check(sys_unlink(p), "unlink", path);
    }

    public static void Rename(NativePath from, NativePath to, uint flags = 0)
    {
        fixed (byte* f = from.Terminated)
        fixed (byte* t = to.Terminated)
            Check(sys_renameat2(AT_FDCWD, f, AT_FDCWD, t, flags), "renameat2", $"{from} -> {to}, flags {flags}");
    }

    public static void Symlink(NativePath target, NativePath linkPath)
    {
        fixed (byte* t = target.Terminated)
        fixed (byte* l = linkPath.Terminated)
            Check(sys_symlink(t, l), "symlink", linkPath);
    }

    public static byte[] ReadlinkBytes(NativePath path)
    {
        var buf = new byte[4097];
        fixed (byte* p = path.Terminated)
        fixed (byte* b = buf)
        {
            var n = (int)Check((long)sys_readlink(p, b, (nint)buf.Length), "readlink", path.ToString());
            return buf[..n];
        }
    }

    public static string Readlink(NativePath path) => Encoding.UTF8.GetString(ReadlinkBytes(path));

    public static void Link(NativePath existing, NativePath newPath)
    {
        fixed (byte* e = existing.Terminated)
        fixed (byte* n = newPath.Terminated)
            Check(sys_link(e, n), "link", $"{existing} -> {newPath}");
    }

    public static void Mkfifo(NativePath path, uint mode = 0x1A4)
    {
        fixed (byte* p = path.Terminated) Check(sys_mkfifo(p, mode), "mkfifo", path);
    }

    /// <summary>All entries except "." and "..", as raw bytes (opendir/readdir).</summary>
    public static List<DirEntry> ReadDir(NativePath path, bool includeDots = false)
    {
        nint dir;
        fixed (byte* p = path.Terminated) dir = sys_opendir(p);
        if (dir == 0) throw new ErrnoException(Errno(), $"opendir({path})");
        var result = new List<DirEntry>();
        try
        {
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                var ent = sys_readdir(dir);
                if (ent == null)
                {
                    var e = Errno();
                    if (e != 0) throw new ErrnoException(e, $"readdir({path})");
                    break;
                }
                // glibc LP64 struct dirent: d_ino u64 @0, d_off @8, d_reclen u16 @16, d_type u8 @18, d_name @19.
                var name = new ReadOnlySpan<byte>(ent + 19, 256);
                name = name[..name.IndexOf((byte)0)];
                if (!includeDots && (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))) continue;
                result.Add(new DirEntry(name.ToArray(), *(ulong*)ent, ent[18]));
            }
        }
        finally
        {
            sys_closedir(dir);
        }
        return result;
    }

    // ---- xattrs ---------------------------------------------------------------------------------------------

    public static byte[] GetXattr(NativePath path, string name)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = path.Terminated)
        fixed (byte* np = n)
        {
            while (true)
            {
                var size = (long)sys_getxattr(p, np, null, 0);
                Check(size, "getxattr", $"{path}, {name}");
                var buf = new byte[size];
                fixed (byte* b = buf)
                {
                    var got = (long)sys_getxattr(p, np, b, (nint)buf.Length);
                    if (got < 0 && Errno() == Infrastructure.Errno.ERANGE) continue; // grew meanwhile
                    Check(got, "getxattr", $"{path}, {name}");
                    return buf[..(int)got];
                }
            }
        }
    }

    /// <summary>getxattr into a buffer of exactly <paramref name="size"/> bytes (to provoke ERANGE).</summary>
    public static int GetXattrInto(NativePath path, string name, int size)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        var buf = new byte[Math.Max(size, 1)];
        fixed (byte* p = path.Terminated)
        fixed (byte* np = n)
        fixed (byte* b = buf)
            return (int)Check((long)sys_getxattr(p, np, b, (nint)size), "getxattr", $"{path}, {name}");
    }

    public static void SetXattr(NativePath path, string name, ReadOnlySpan<byte> value, int flags = 0)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = path.Terminated)
        fixed (byte* np = n)
        fixed (byte* v = value)
            Check(sys_setxattr(p, np, v, (nint)value.Length, flags), "setxattr", $"{path}, {name}");
    }

    public static string[] ListXattr(NativePath path)
    {
        fixed (byte* p = path.Terminated)
        {
            var size = (long)sys_listxattr(p, null, 0);
            Check(size, "listxattr", path.ToString());
            if (size == 0) return [];
            var buf = new byte[size];
            fixed (byte* b = buf)
            {
                var got = (long)sys_listxattr(p, b, (nint)buf.Length);
                Check(got, "listxattr", path.ToString());
                return Encoding.UTF8.GetString(buf, 0, (int)got).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
        }
    }

    public static void RemoveXattr(NativePath path, string name)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = path.Terminated)
        fixed (byte* np = n)
            Check(sys_removexattr(p, np), "removexattr", $"{path}, {name}");
    }

    // ---- processes ------------------------------------------------------------------------------------------

    public static void Kill(int pid, int signal) => Check(sys_kill(pid, signal), "kill", $"{pid}, {signal}");
    public static uint Geteuid() => sys_geteuid();

    // ---- imports --------------------------------------------------------------------------------------------

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)] private static partial int sys_open(byte* path, int flags, uint mode);
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)] private static partial int sys_close(int fd);
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)] private static partial nint sys_pwrite(int fd, byte* buf, nint count, long offset);
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)] private static partial nint sys_pread(int fd, byte* buf, nint count, long offset);
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)] private static partial nint sys_write(int fd, byte* buf, nint count);
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)] private static partial nint sys_read(int fd, byte* buf, nint count);
    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)] private static partial long sys_lseek(int fd, long offset, int whence);
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)] private static partial int sys_fsync(int fd);
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)] private static partial int sys_fdatasync(int fd);
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)] private static partial int sys_ftruncate(int fd, long length);
    [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true)] private static partial int sys_truncate(byte* path, long length);
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)] private static partial int sys_fallocate(int fd, int mode, long offset, long len);
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)] private static partial int sys_statx(int dirfd, byte* path, int flags, uint mask, byte* buf);
    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true)] private static partial int sys_statvfs(byte* path, ulong* buf);
    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true)] private static partial int sys_chmod(byte* path, uint mode);
    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true)] private static partial int sys_chown(byte* path, int uid, int gid);
    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true)] private static partial int sys_lchown(byte* path, int uid, int gid);
    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true)] private static partial int sys_utimensat(int dirfd, byte* path, long* times, int flags);
    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true)] private static partial int sys_mkdir(byte* path, uint mode);
    [LibraryImport("libc", EntryPoint = "rmdir", SetLastError = true)] private static partial int sys_rmdir(byte* path);
    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true)] private static partial int sys_unlink(byte* path);
    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true)] private static partial int sys_renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);
    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true)] private static partial int sys_symlink(byte* target, byte* linkpath);
    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true)] private static partial nint sys_readlink(byte* path, byte* buf, nint size);
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true)] private static partial int sys_link(byte* oldpath, byte* newpath);
    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true)] private static partial int sys_mkfifo(byte* path, uint mode);
    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true)] private static partial nint sys_opendir(byte* path);
    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)] private static partial byte* sys_readdir(nint dir);
    [LibraryImport("libc", EntryPoint = "closedir", SetLastError = true)] private static partial int sys_closedir(nint dir);
    [LibraryImport("libc", EntryPoint = "getxattr", SetLastError = true)] private static partial nint sys_getxattr(byte* path, byte* name, byte* value, nint size);
    [LibraryImport("libc", EntryPoint = "setxattr", SetLastError = true)] private static partial int sys_setxattr(byte* path, byte* name, byte* value, nint size, int flags);
    [LibraryImport("libc", EntryPoint = "listxattr", SetLastError = true)] private static partial nint sys_listxattr(byte* path, byte* list, nint size);
    [LibraryImport("libc", EntryPoint = "removexattr", SetLastError = true)] private static partial int sys_removexattr(byte* path, byte* name);
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)] private static partial int sys_kill(int pid, int sig);
    [LibraryImport("libc", EntryPoint = "geteuid")] private static partial uint sys_geteuid();
}
