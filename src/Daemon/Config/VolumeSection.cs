using System.Numerics;
using TieredFs.Tiering.Volume;
using Tomlyn.Syntax;

namespace TieredFs.Daemon.Config;

/// <summary>Reads and validates the [volume] table, which also carries the FUSE mount options.</summary>
internal static class VolumeSection
{
    private static readonly string[] Keys = ["extent_size", "metadata_dir", "metadata_mount", "allow_other", "writeback_cache", "threads", "policy", "migration_rate"];

    /// <summary>Policies that can drive a live volume (the oracle needs the future, archivist a trace).</summary>
    public static readonly string[] LivePolicies = ["static", "harmonia", "lru", "cde", "hps", "sibyl"];

    /// <returns>The volume, its FUSE mount settings, and volume.metadata_mount (null if not named).</returns>
    public static (VolumeOptions Volume, MountSettings Mount, string? MetadataMount) Read(TableSyntax? table, string source, List<TierOptions> tiers)
    {
        var r = new TableReader(source, DocumentLayout.VolumeTable, TomlNames.LineOf(table), table?.Items ?? [], Keys);

        var extent = r.GetSize("extent_size") ?? VolumeOptions.DefaultExtentSize;
        if (extent < VolumeOptions.MinExtentSize || extent > VolumeOptions.MaxExtentSize || !BitOperations.IsPow2(extent))
            throw r.Error("extent_size", $"{extent} bytes is not allowed: must be a power of two from 64KiB to 64MiB");

        var metadataDir = ReadMetadataDir(r, tiers);
        var metadataMount = TierSection.ReadMount(r, "metadata_mount");

        var threads = r.GetInteger("threads") ?? 0;
        if (threads < 0 || threads > int.MaxValue)
            throw r.Error("threads", $"{threads} is out of range: use 0 (automatic) or a positive thread count");

        var mount = new MountSettings(
            AllowOther: r.GetBool("allow_other") ?? false,
            WritebackCache: r.GetBool("writeback_cache") ?? false,
            Threads: (int)threads);
        var policy = (r.GetString("policy") ?? "static").ToLowerInvariant();
        if (!LivePolicies.Contains(policy))
            throw r.Error("policy", $"\"{policy}\" is not a policy for a live volume; use one of {string.Join(", ", LivePolicies)}");

        // Bytes per second of background moves between tiers; "0" turns migration off.
        var migrationRate = r.GetSize("migration_rate") ?? 64L << 20;

        return (new VolumeOptions(extent, metadataDir, tiers, policy, migrationRate), mount, metadataMount);
    }

    /// <summary>
    /// Resolves the default ("&lt;first tier path&gt;/meta") here rather than leaving null, so the
    /// path checks, logs and the volume all see the one directory that will actually be used.
    /// </summary>
    private static string ReadMetadataDir(TableReader r, List<TierOptions> tiers)
    {
        var configured = r.GetString("metadata_dir");
        if (configured is null) return Path.Join(tiers[0].Path, "meta");

        if (PathRules.Problem(configured) is { } problem) throw r.Error("metadata_dir", problem);
        var dir = PathRules.Normalize(configured);
        for (int i = 0; i < tiers.Count; i++)
        {
            // Inside a tier is fine (that is the default); being the tier directory itself is not,
            // because metadata files would be mistaken for tier contents.
            if (PathRules.Compare(dir, tiers[i].Path) == PathRules.Relation.Same)
                throw r.Error("metadata_dir", $"\"{dir}\" is the same directory as tier[{i + 1}].path; use a subdirectory such as \"{dir}/meta\"");
        }
        return dir;
    }
}
