using System.Runtime.InteropServices;

namespace TieredFs.Daemon.Config;

/// <summary>The libc calls .NET has no managed equivalent for.</summary>
internal static unsafe partial class LibC
{
    private const int W_OK = 2;
    private const int X_OK = 1;
    private const int AT_FDCWD = -100;
    private const uint STATX_TYPE = 0x1;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint ptr);

    // statx rather than stat: struct statx has one layout on every architecture.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>
    /// Null if the calling process may create entries in <paramref name="dir"/>, else the OS reason.
    /// access(2) rather than a probe file: it has no side effects and also reports read-only mounts (EROFS).
    /// </summary>
    public static string? WhyNotWritable(string dir)
    {
        if (Access(dir, W_OK | X_OK) == 0) return null;
        return Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
    }

    /// <summary>realpath(3): the path with every symlink, "." and ".." resolved; null if it does not exist.</summary>
    public static string? RealPathOrNull(string path)
    {
        var ptr = RealPath(path, 0);
        if (ptr == 0) return null;
        try
        {
            return Marshal.PtrToStringUTF8(ptr);
        }
        finally
        {
            Free(ptr);
        }
    }

    /// <summary>
    /// The device (st_dev) of the filesystem <paramref name="path"/> is on, following symlinks:
    /// two paths with the same device are on the same filesystem.
    /// </summary>
    /// <returns>0, or the errno of statx(2).</returns>
    public static int TryGetDevice(string path, out DeviceNumber device)
    {
        byte* buffer = stackalloc byte[256];
        if (Statx(AT_FDCWD, path, 0, STATX_TYPE, buffer) != 0)
        {
            device = default;
            return Marshal.GetLastPInvokeError();
        }
        // stx_dev_major and stx_dev_minor (include/uapi/linux/stat.h); filled whatever the mask.
        device = new DeviceNumber(*(uint*)(buffer + 136), *(uint*)(buffer + 140));
        return 0;
    }

    /// <summary>errno means "not there", as opposed to "there but cannot be looked at".</summary>
    public static bool IsMissing(int errno) => errno is ENOENT or ENOTDIR;

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}

/// <summary>A device number as the kernel reports it; printed "major:minor" like /proc/self/mountinfo.</summary>
internal readonly record struct DeviceNumber(uint Major, uint Minor)
{
    public override string ToString() => $"{Major}:{Minor}";
}
