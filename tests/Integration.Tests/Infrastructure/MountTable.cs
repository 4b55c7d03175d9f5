namespace TieredFs.Integration.Tests.Infrastructure;

public sealed record MountEntry(int MountId, uint DevMajor, uint DevMinor, string MountPoint, string FsType, string Source, string Options);

/// <summary>Reads /proc/self/mountinfo, the daemon's readiness signal per the contract.</summary>
public static class MountTable
{
    public const string FsType = "fuse.tieredfs";

    public static IReadOnlyList<MountEntry> Read()
    {
        var result = new List<MountEntry>();
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions
            var sep = line.IndexOf(" - ", StringComparison.Ordinal);
            if (sep < 0) continue;
            var left = line[..sep].Split(' ');
            var right = line[(sep + 3)..].Split(' ');
            if (left.Length < 6 || right.Length < 3) continue;
            var dev = left[2].Split(':');
            result.Add(new MountEntry(int.Parse(left[0]), uint.Parse(dev[0]), uint.Parse(dev[1]),
                Unescape(left[4]), right[0], Unescape(right[1]), right[2]));
        }
        return result;
    }

    /// <summary>All mounts at <paramref name="mountPoint"/>, in mount order (last = the visible one).</summary>
    public static IReadOnlyList<MountEntry> At(string mountPoint)
    {
        var full = Path.GetFullPath(mountPoint).TrimEnd('/');
        return Read().Where(m => m.MountPoint == full).ToList();
    }

    public static bool IsTieredFsMounted(string mountPoint) => At(mountPoint).Any(m => m.FsType == FsType);

    /// <summary>mountinfo escapes space, tab, newline and backslash as \ooo.</summary>
    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s.Substring(at, 3).All(c => c is >= '0' and <= '7');
}
