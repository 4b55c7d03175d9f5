using TieredFs.Daemon.Service;

namespace TieredFs.Daemon.Cli;

/// <summary>
/// Finds the control socket of the daemon a command is about: --socket if given, else the
/// registry entry for the mountpoint (status) or for the mount containing a path (pin, unpin),
/// else the only running daemon.
/// </summary>
internal static class DaemonLocator
{
    public static bool TryFind(string? socket, string? mountPointOrPath, out string found, out string error)
    {
        found = "";
        error = "";
        if (socket is not null)
        {
            found = socket;
            return true;
        }
        if (mountPointOrPath is not null)
        {
            if (MountRegistry.Containing(mountPointOrPath) is { } record)
            {
                found = record.ControlSocket;
                return true;
            }
            error = $"no running tieredfs daemon serves {Path.GetFullPath(mountPointOrPath)} (registry: {MountRegistry.Directory})";
            return false;
        }
        var all = MountRegistry.List();
        if (all.Count == 1)
        {
            found = all[0].ControlSocket;
            return true;
        }
        error = all.Count == 0
            ? $"no running tieredfs daemon found (registry: {MountRegistry.Directory})"
            : $"several tieredfs mounts are running; name one: {string.Join(", ", all.Select(r => r.MountPoint))}";
        return false;
    }
}
