namespace TieredFs.Daemon.Config;

/// <summary>Lexical rules for configured directories; shared by parse-time and filesystem-time checks.</summary>
public static class PathRules
{
    /// <summary>How two normalized absolute paths relate.</summary>
    public enum Relation { Disjoint, Same, FirstInsideSecond, SecondInsideFirst }

    /// <summary>
    /// Canonical spelling of an absolute path: "." and ".." collapsed, duplicate and trailing
    /// slashes dropped — so "/a/b/" and "/a//c/../b" compare equal when checking for overlap.
    /// </summary>
    public static string Normalize(string absolutePath) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(absolutePath));

    /// <summary>Null if <paramref name="path"/> is usable as a directory setting, else why not.</summary>
    public static string? Problem(string path)
    {
        if (MountProblem(path) is { } problem) return problem;
        if (Normalize(path) == "/") return "must not be the filesystem root";
        return null;
    }

    /// <summary>
    /// Like <see cref="Problem"/>, but "/" is allowed: a `mount` key only names the filesystem a
    /// directory must sit on, and "on the root filesystem, nowhere else" is a fair thing to demand.
    /// </summary>
    public static string? MountProblem(string path)
    {
        if (path.Length == 0) return "must not be empty";
        if (path.Contains('\0')) return "must not contain NUL characters";
        if (!Path.IsPathRooted(path)) return $"\"{path}\" is not an absolute path";
        return null;
    }

    /// <summary>Compares two normalized paths component-wise (ordinal: Linux paths are case-sensitive).</summary>
    public static Relation Compare(string first, string second)
    {
        if (string.Equals(first, second, StringComparison.Ordinal)) return Relation.Same;
        if (IsUnder(first, second)) return Relation.FirstInsideSecond;
        if (IsUnder(second, first)) return Relation.SecondInsideFirst;
        return Relation.Disjoint;
    }

    /// <summary>
    /// Describes why tier directories <paramref name="earlier"/> and <paramref name="later"/> cannot
    /// coexist, or null if they can. Tiers must not overlap because each tier's contents are
    /// accounted (capacity, watermarks) and scanned on their own.
    /// </summary>
    public static string? Overlap(string earlierKey, string earlier, string later) => Compare(later, earlier) switch
    {
        Relation.Same => $"\"{later}\" is the same directory as {earlierKey}",
        Relation.FirstInsideSecond => $"\"{later}\" is inside {earlierKey} (\"{earlier}\"); tiers must not nest",
        Relation.SecondInsideFirst => $"\"{later}\" contains {earlierKey} (\"{earlier}\"); tiers must not nest",
        _ => null,
    };

    private static bool IsUnder(string inner, string outer) =>
        outer == "/" ? inner.Length > 1 :
        inner.Length > outer.Length
        && inner.StartsWith(outer, StringComparison.Ordinal)
        && inner[outer.Length] == '/';
}
