using System.Runtime.InteropServices;

namespace TieredFs.Daemon.Config;

/// <summary>The two libc calls .NET has no managed equivalent for.</summary>
internal static partial class LibC
{
    private const int W_OK = 2;
    private const int X_OK = 1;

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint ptr);

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
}
