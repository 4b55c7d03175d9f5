using System.Runtime.InteropServices;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>
/// A 1 MiB tmpfs mounted at a directory for the life of a test (tests run as root), so mount checks
/// meet a real mountpoint on a filesystem of its own. Dispose detaches it.
/// </summary>
public sealed partial class TmpfsMount : IDisposable
{
    private const int MNT_DETACH = 2;

    public TmpfsMount(string dir)
    {
        Directory.CreateDirectory(dir);
        if (Mount("tmpfs", dir, "tmpfs", 0, "size=1m") != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException(
                $"mount -t tmpfs on {dir} failed: {Marshal.GetPInvokeErrorMessage(errno)} (these tests need root)");
        }
        Path = dir;
    }

    public string Path { get; }

    public void Dispose() => Umount2(Path, MNT_DETACH);

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mount(string source, string target, string fstype, ulong flags, string data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Umount2(string target, int flags);
}
