using System.Runtime.InteropServices;
using TieredFs.Fuse.Session;

namespace TieredFs.Daemon.Cli;

/// <summary>`tieredfs unmount MOUNTPOINT`: the daemon sees the connection end and exits cleanly.</summary>
internal static class UnmountCommand
{
    public static int Run(string mountPoint, TextWriter stderr)
    {
        string full = Path.GetFullPath(mountPoint);
        if (!Mounter.IsMounted(full))
        {
            stderr.WriteLine($"tieredfs unmount: {full} is not mounted");
            return 1;
        }
        int errno = Mounter.Unmount(full, lazyIfBusy: true);
        if (errno != 0)
        {
            stderr.WriteLine($"tieredfs unmount: {full}: {Marshal.GetPInvokeErrorMessage(errno)}");
            return 1;
        }
        return 0;
    }
}
