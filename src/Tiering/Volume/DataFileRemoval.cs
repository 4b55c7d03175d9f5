using System.Runtime.InteropServices;

namespace TieredFs.Tiering.Volume;

/// <summary>
/// unlink(2) of a data file, answering errno instead of throwing: deleting a file that never had
/// data on a tier (so no data file, often no shard directory either) is the common case, and
/// File.Delete would raise DirectoryNotFoundException for it, thousands of times per bulk delete.
/// </summary>
internal static partial class DataFileRemoval
{
    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkPath(string path);

    /// <summary>0, or the errno (ENOENT when there was nothing to delete).</summary>
    public static int Unlink(string path) => UnlinkPath(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>strerror(errno), for a one-line log.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
