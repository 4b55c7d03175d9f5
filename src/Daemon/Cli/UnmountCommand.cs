using System.Runtime.InteropServices;
using TieredFs.Daemon.Config;
using TieredFs.Fuse.Session;

namespace TieredFs.Daemon.Cli;

/// <summary>
/// `tieredfs unmount [--config FILE] [--dead-only] [MOUNTPOINT]`: the daemon sees the connection
/// end and exits cleanly. With --config the mountpoint comes from [service] mountpoint (the systemd
/// unit's ExecStop). --dead-only detaches only a mount whose daemon is gone, quietly succeeding
/// otherwise (the unit's ExecStopPost, so no path ever keeps a dead mount).
/// </summary>
internal static class UnmountCommand
{
    public static int Run(string? mountPoint, string? configPath, bool deadOnly, TextWriter stderr)
    {
        if (mountPoint is null && configPath is not null)
        {
            try
            {
                mountPoint = ConfigLoader.LoadFile(configPath).Service.MountPoint;
            }
            catch (ConfigException e)
            {
                stderr.WriteLine($"tieredfs unmount: {e.Message}");
                return MountCommand.ConfigError;
            }
        }
        if (mountPoint is null)
        {
            stderr.WriteLine("tieredfs unmount: give MOUNTPOINT, or --config FILE with a [service] mountpoint");
            return MountCommand.ConfigError;
        }
        string full = Path.GetFullPath(mountPoint);
        if (deadOnly)
        {
            if (Mounter.DetachIfDead(full))
                stderr.WriteLine($"tieredfs unmount: detached the dead mount at {full}");
            return 0;
        }
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
