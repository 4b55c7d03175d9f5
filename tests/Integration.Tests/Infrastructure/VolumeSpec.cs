using System.Globalization;
using System.Text;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>One tier of a test volume; Path is filled in by <see cref="TestVolume"/> under its temp dir.</summary>
public sealed record TierSpec(string Name, long? CapacityBytes = null, double? HighWatermark = null, double? LowWatermark = null);

/// <summary>What a test volume looks like; rendered to the daemon's TOML config.</summary>
public sealed record VolumeSpec
{
    public const long KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

    public long ExtentSize { get; init; } = MiB;
    public IReadOnlyList<TierSpec> Tiers { get; init; } = [new("fast", 64 * MiB), new("slow")];
    public IReadOnlyList<string> MountOptions { get; init; } = [];
    /// <summary>Relative to the volume's temp dir; null = daemon default ("&lt;first tier&gt;/meta").</summary>
    public string? MetadataDir { get; init; }
    /// <summary>volume.policy; null = daemon default (static, no migration).</summary>
    public string? Policy { get; init; }

    /// <summary>Small extents so truncate/fallocate/sparse tests cross extent boundaries with little data.</summary>
    public static VolumeSpec Posix => new()
    {
        ExtentSize = 64 * KiB,
        Tiers = [new("fast", 4 * MiB), new("slow")],
        MountOptions = ["allow_other"],
    };

    /// <summary>Size in the config's "NMiB"/"NKiB" notation (exact).</summary>
    public static string FormatSize(long bytes) =>
        bytes % GiB == 0 ? $"{bytes / GiB}GiB" :
        bytes % MiB == 0 ? $"{bytes / MiB}MiB" :
        bytes % KiB == 0 ? $"{bytes / KiB}KiB" : bytes.ToString(CultureInfo.InvariantCulture);

    public string ToToml(string baseDir, IReadOnlyDictionary<string, string> tierPaths)
    {
        var sb = new StringBuilder();
        sb.Append("[volume]\n");
        sb.Append($"extent_size = \"{FormatSize(ExtentSize)}\"\n");
        if (MetadataDir != null) sb.Append($"metadata_dir = \"{Path.Combine(baseDir, MetadataDir)}\"\n");
        if (Policy != null) sb.Append($"policy = \"{Policy}\"\n");
        foreach (var t in Tiers)
        {
            sb.Append("\n[[tier]]\n");
            sb.Append($"name = \"{t.Name}\"\n");
            sb.Append($"path = \"{tierPaths[t.Name]}\"\n");
            if (t.CapacityBytes is { } c) sb.Append($"capacity = \"{FormatSize(c)}\"\n");
            if (t.HighWatermark is { } h) sb.Append(CultureInfo.InvariantCulture, $"high_watermark = {h:0.00}\n");
            if (t.LowWatermark is { } l) sb.Append(CultureInfo.InvariantCulture, $"low_watermark = {l:0.00}\n");
        }
        return sb.ToString();
    }
}
