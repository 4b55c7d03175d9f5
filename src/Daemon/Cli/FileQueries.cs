using System.Runtime.InteropServices;
using System.Text;

namespace TieredFs.Daemon.Cli;

/// <summary>What `inspect` asks of a file on a mounted volume, through ordinary syscalls.</summary>
internal static unsafe partial class FileQueries
{
    [LibraryImport("libc", EntryPoint = "getxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetXattr(string path, string name, byte* value, nuint size);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* buffer);

    /// <summary>The value of an xattr as text, or an errno.</summary>
    public static int TryGetXattrText(string path, string name, out string value)
    {
        value = "";
        nint size = GetXattr(path, name, null, 0);
        if (size < 0)
            return Marshal.GetLastPInvokeError();
        var buffer = new byte[Math.Max(1, (int)size) + 4096];
        fixed (byte* p = buffer)
        {
            nint n = GetXattr(path, name, p, (nuint)buffer.Length);
            if (n < 0)
                return Marshal.GetLastPInvokeError();
            value = Encoding.UTF8.GetString(buffer, 0, (int)n);
            return 0;
        }
    }

    /// <summary>st_blksize (x86-64 struct stat, offset 56); tiered-fs reports its extent size there.</summary>
    public static int TryGetBlockSize(string path, out long blockSize)
    {
        byte* buffer = stackalloc byte[256];
        blockSize = 0;
        if (Stat(path, buffer) != 0)
            return Marshal.GetLastPInvokeError();
        blockSize = *(long*)(buffer + 56);
        return 0;
    }

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
