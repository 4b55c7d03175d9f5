using System.Runtime.InteropServices;

namespace TieredFs.Daemon.Service;

/// <summary>
/// setxattr/removexattr through the kernel. The daemon pins a file by setting user.tieredfs.pin
/// on the mounted path: the kernel resolves the path and the volume stores the pin, exactly as
/// for `setfattr`, so there is one way a pin gets in.
/// </summary>
internal static partial class XattrCalls
{
    [LibraryImport("libc", EntryPoint = "setxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetXattr(string path, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "removexattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RemoveXattr(string path, string name);

    /// <summary>0 or an errno.</summary>
    public static int Set(string path, string name, string value)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
        return SetXattr(path, name, bytes, (nuint)bytes.Length, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>0 or an errno (ENODATA: it was not set).</summary>
    public static int Remove(string path, string name) =>
        RemoveXattr(path, name) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
