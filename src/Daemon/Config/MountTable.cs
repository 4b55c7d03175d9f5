using System.Text;

namespace TieredFs.Daemon.Config;

/// <summary>What is mounted where in this process's mount namespace, from /proc/self/mountinfo.</summary>
/// <remarks>
/// The list of mounts, rather than the shortcut of comparing st_dev of a directory with its parent's:
/// st_dev answers "is this another filesystem", not "is something mounted here". It says no for a bind
/// mount or for a second mount of a filesystem already mounted above, and yes for a btrfs subvolume
/// that is only a directory on the root disk, which is the very mistake the `mount` key exists to
/// catch. mountinfo lists mountpoints by path; systemd and util-linux's mountpoint(1) read it too.
/// </remarks>
public static class MountTable
{
    public const string ProcPath = "/proc/self/mountinfo";

    /// <summary>The mountpoints, in the kernel's order (a mountpoint can appear more than once).</summary>
    public static List<string> Read() => Parse(File.ReadLines(ProcPath));

    /// <summary>Field 5 of each mountinfo line, unescaped; lines too short to have one are skipped.</summary>
    public static List<string> Parse(IEnumerable<string> lines)
    {
        var mountPoints = new List<string>();
        foreach (var line in lines)
        {
            // id parent major:minor root mountpoint options [optional…] - fstype source superoptions
            var fields = line.Split(' ');
            if (fields.Length > 4) mountPoints.Add(Unescape(fields[4]));
        }
        return mountPoints;
    }

    /// <summary>The deepest mountpoint containing <paramref name="realPath"/> (symlinks already resolved); "/" if none.</summary>
    public static string Containing(string realPath, IReadOnlyList<string> mountPoints)
    {
        var best = "/";
        foreach (var mountPoint in mountPoints)
        {
            if (mountPoint.Length > best.Length
                && PathRules.Compare(realPath, mountPoint) is PathRules.Relation.Same or PathRules.Relation.FirstInsideSecond)
            {
                best = mountPoint;
            }
        }
        return best;
    }

    /// <summary>The kernel escapes space, tab, newline and backslash in mountinfo as \ooo (octal).</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var bytes = new List<byte>(field.Length);
        var raw = Encoding.UTF8.GetBytes(field);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 3 < raw.Length && IsOctal(raw[i + 1]) && IsOctal(raw[i + 2]) && IsOctal(raw[i + 3]))
            {
                bytes.Add((byte)(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add(raw[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';
}
