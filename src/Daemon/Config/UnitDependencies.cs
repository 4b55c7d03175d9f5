using System.Text;

namespace TieredFs.Daemon.Config;

/// <summary>
/// What a systemd unit running this config must wait for. The shipped unit is a template
/// (tieredfs@NAME) and cannot read the TOML, so `check-config` prints the line for a per-instance
/// drop-in (docs/service.md, "Wait for the disks").
/// </summary>
public static class UnitDependencies
{
    /// <summary>
    /// "RequiresMountsFor=…" naming, per tier, its `mount` or else its path, and the same for the
    /// metadata (skipped when inside a path already listed). systemd turns each path into
    /// Requires= and After= on every mount unit needed to reach it, so configs without `mount`
    /// keys get the right order too.
    /// </summary>
    public static string RequiresMountsFor(DaemonConfig cfg)
    {
        var tiers = cfg.Volume.Tiers;
        var paths = new List<string>(tiers.Count + 1);
        for (int i = 0; i < tiers.Count; i++)
            Add(paths, cfg.RequiredMounts.OfTier(i) ?? tiers[i].Path);
        var metadataDir = cfg.Volume.MetadataDir ?? Path.Join(tiers[0].Path, "meta");
        Add(paths, cfg.RequiredMounts.MetadataDir ?? metadataDir);
        return "RequiresMountsFor=" + string.Join(' ', paths.Select(Quote));
    }

    private static void Add(List<string> paths, string path)
    {
        foreach (var listed in paths)
        {
            if (PathRules.Compare(path, listed) is PathRules.Relation.Same or PathRules.Relation.FirstInsideSecond)
                return;
        }
        paths.Add(path);
    }

    /// <summary>
    /// Unit files expand "%" specifiers everywhere, and RequiresMountsFor= splits on whitespace
    /// unless the path is in double quotes (with C-style escapes inside).
    /// </summary>
    private static string Quote(string path)
    {
        var escaped = path.Replace("%", "%%", StringComparison.Ordinal);
        if (!escaped.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\')) return escaped;
        var sb = new StringBuilder("\"");
        foreach (var c in escaped)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
