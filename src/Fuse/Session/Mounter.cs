using System.Text;

namespace TieredFs.Fuse.Session;

/// <summary>
/// Mounts and unmounts a FUSE file system with mount(2)/umount2(2), as root does. (An
/// unprivileged fallback through fusermount3 and SCM_RIGHTS is not implemented: the daemon
/// runs as root under systemd, and the error says so.)
/// </summary>
public static class Mounter
{
    /// <summary>
    /// A daemon that died leaves its mount behind, answering ENOTCONN to everyone. Detach such
    /// a dead mount so a new daemon can take the mountpoint without manual repair.
    /// Returns true when a dead mount was removed.
    /// </summary>
    public static bool DetachIfDead(string mountPoint)
    {
        const int ENOTCONN = 107;
        // The kernel may answer a stat of the mount root from its attribute cache for a while
        // after the daemon died; a lookup of a name nobody has used always reaches the daemon.
        string probe = Path.Combine(mountPoint, $".tieredfs-probe-{Guid.NewGuid():N}");
        if (Native.StatErrno(mountPoint) != ENOTCONN && Native.StatErrno(probe) != ENOTCONN)
            return false;
        return Native.Umount2(mountPoint, Native.MNT_DETACH) == 0;
    }

    /// <summary>Is anything FUSE (of our subtype or any) mounted exactly at this path?</summary>
    public static bool IsMounted(string mountPoint, string? fsType = null)
    {
        string full = Path.GetFullPath(mountPoint).TrimEnd('/');
        if (full.Length == 0)
            full = "/";
        foreach (string line in File.ReadLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mountpoint options ... - fstype source superoptions
            string[] parts = line.Split(' ');
            if (parts.Length < 5 || Unescape(parts[4]) != full)
                continue;
            if (fsType is null)
                return true;
            int dash = Array.IndexOf(parts, "-");
            if (dash >= 0 && dash + 1 < parts.Length && parts[dash + 1] == fsType)
                return true;
        }
        return false;
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as octal.</summary>
    private static string Unescape(string s)
    {
        if (!s.Contains('\\'))
            return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length)
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Opens /dev/fuse and mounts it at <paramref name="mountPoint"/>; returns the fd.</summary>
    public static int Mount(string mountPoint, FuseOptions options)
    {
        if (!Directory.Exists(mountPoint))
            throw new FuseMountException($"mountpoint {mountPoint} does not exist or is not a directory");
        if (Native.GetUid() != 0)
            throw new FuseMountException("mounting needs root (CAP_SYS_ADMIN); run tieredfs as root or from its systemd unit");

        int fd = Native.Open("/dev/fuse", Native.O_RDWR | Native.O_CLOEXEC);
        if (fd < 0)
            throw new FuseMountException($"cannot open /dev/fuse: {Native.Describe(Native.LastErrno)}");

        var data = new StringBuilder();
        data.Append("fd=").Append(fd)
            .Append(",rootmode=40000")
            .Append(",user_id=").Append(Native.GetUid())
            .Append(",group_id=").Append(Native.GetGid());
        if (options.DefaultPermissions)
            data.Append(",default_permissions");
        if (options.AllowOther)
            data.Append(",allow_other");

        int rc = Native.Mount(options.Source, mountPoint, "fuse." + options.Subtype, Native.MS_NOSUID | Native.MS_NODEV, data.ToString());
        if (rc != 0)
        {
            int errno = Native.LastErrno;
            Native.Close(fd);
            throw new FuseMountException($"mount({mountPoint}) failed: {Native.Describe(errno)}");
        }
        return fd;
    }

    /// <summary>
    /// Unmounts; if the mount is busy, detaches it (it disappears from the namespace now and
    /// goes away when the last user closes it). Returns 0 or the errno of the failure.
    /// </summary>
    public static int Unmount(string mountPoint, bool lazyIfBusy = true)
    {
        if (Native.Umount2(mountPoint, Native.UMOUNT_NOFOLLOW) == 0)
            return 0;
        int errno = Native.LastErrno;
        if (errno == 16 /* EBUSY */ && lazyIfBusy && Native.Umount2(mountPoint, Native.MNT_DETACH | Native.UMOUNT_NOFOLLOW) == 0)
            return 0;
        return errno;
    }
}

public sealed class FuseMountException(string message) : Exception(message);
