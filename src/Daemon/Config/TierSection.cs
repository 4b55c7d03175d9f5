using System.Text.RegularExpressions;
using TieredFs.Tiering.Volume;
using Tomlyn.Syntax;

namespace TieredFs.Daemon.Config;

/// <summary>Reads and validates the [[tier]] entries (fastest first).</summary>
internal static partial class TierSection
{
    private static readonly string[] Keys = ["name", "path", "mount", "capacity", "high_watermark", "low_watermark"];

    // Watermark defaults live on TierOptions; read them from there so there is one source of truth.
    private static readonly TierOptions Defaults = new("default", "/");

    // Tier names end up in metadata records and log lines, so keep them to a plain, bounded alphabet.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex NamePattern();

    /// <returns>The tiers, and beside them each tier's `mount` (null where none is named).</returns>
    public static (List<TierOptions> Tiers, List<string?> Mounts) ReadAll(IReadOnlyList<TableArraySyntax> tables, string source)
    {
        if (tables.Count == 0)
        {
            throw new ConfigException(source, 0, DocumentLayout.TierArray,
                "at least one [[tier]] table is required (list tiers fastest first)");
        }

        var tiers = new List<TierOptions>(tables.Count);
        var mounts = new List<string?>(tables.Count);
        for (int i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var reader = new TableReader(source, $"tier[{i + 1}]", TomlNames.LineOf(table), table.Items, Keys);
            var tier = Read(reader);
            CheckAgainstEarlier(reader, tier, tiers);
            tiers.Add(tier);
            mounts.Add(ReadMount(reader, "mount"));
        }
        return (tiers, mounts);
    }

    /// <summary>
    /// A mountpoint the tier (or, for volume.metadata_mount, the metadata) must sit on; null if not
    /// named. Only its spelling is checked here: whether something is mounted there is a question
    /// for the machine the daemon runs on (<see cref="MountCheck"/>).
    /// </summary>
    internal static string? ReadMount(TableReader r, string key)
    {
        var mount = r.GetString(key);
        if (mount is null) return null;
        if (PathRules.MountProblem(mount) is { } problem) throw r.Error(key, problem);
        return PathRules.Normalize(mount);
    }

    private static TierOptions Read(TableReader r)
    {
        var name = r.GetString("name") ?? throw r.Missing("name");
        if (!NamePattern().IsMatch(name))
            throw r.Error("name", $"invalid tier name \"{name}\": use 1-32 characters from A-Z a-z 0-9 _ -");

        var path = r.GetString("path") ?? throw r.Missing("path");
        if (PathRules.Problem(path) is { } pathProblem) throw r.Error("path", pathProblem);

        var capacity = r.GetSize("capacity");
        if (capacity == 0) throw r.Error("capacity", "must be greater than zero (omit it to use the backing filesystem's size)");

        var high = r.GetNumber("high_watermark");
        var low = r.GetNumber("low_watermark");
        if (high is { } h && !(h > 0 && h <= 1))
            throw r.Error("high_watermark", $"{h} is out of range: must be > 0 and <= 1");
        if (low is { } l && !(l > 0 && l < 1))
            throw r.Error("low_watermark", $"{l} is out of range: must be > 0 and < 1");

        var effectiveHigh = high ?? Defaults.HighWatermark;
        var effectiveLow = low ?? Defaults.LowWatermark;
        if (!(effectiveLow < effectiveHigh))
        {
            // Blame the key the operator actually wrote; if both were written, the low one.
            var key = low is not null ? "low_watermark" : "high_watermark";
            throw r.Error(key,
                $"low_watermark ({effectiveLow}{(low is null ? ", default" : "")}) must be less than " +
                $"high_watermark ({effectiveHigh}{(high is null ? ", default" : "")})");
        }

        return new TierOptions(name, PathRules.Normalize(path), capacity, effectiveHigh, effectiveLow);
    }

    private static void CheckAgainstEarlier(TableReader r, TierOptions tier, List<TierOptions> earlier)
    {
        for (int j = 0; j < earlier.Count; j++)
        {
            // Case-insensitive: "NVMe" next to "nvme" is a mistake, not two tiers.
            if (string.Equals(earlier[j].Name, tier.Name, StringComparison.OrdinalIgnoreCase))
                throw r.Error("name", $"duplicate tier name \"{tier.Name}\" (already used by tier[{j + 1}])");
            if (PathRules.Overlap($"tier[{j + 1}].path", earlier[j].Path, tier.Path) is { } overlap)
                throw r.Error("path", overlap);
        }
    }
}
