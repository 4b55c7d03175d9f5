namespace TieredFs.Tiering.Volume;

/// <summary>One tier as configured; tiers are listed fastest first.</summary>
/// <param name="Name">Stable name; extents are recorded against it, so renaming a tier is a structural change.</param>
/// <param name="Path">Directory on the backing filesystem; created if missing.</param>
/// <param name="CapacityBytes">Null means the size of the backing filesystem.</param>
public sealed record TierOptions(
    string Name,
    string Path,
    long? CapacityBytes = null,
    double HighWatermark = 0.90,
    double LowWatermark = 0.75);

/// <summary>Everything the volume needs to open; produced by the daemon's config loader.</summary>
/// <param name="ExtentSize">Power of two, 64 KiB – 64 MiB.</param>
/// <param name="MetadataDir">Null means "&lt;first tier path&gt;/meta".</param>
/// <param name="Policy">Placement + migration policy by name (see PolicyRegistry): "static" (no
/// migration), "harmonia" (RL agents), "lru", "cde", "hps", "sibyl".</param>
/// <param name="MigrationBytesPerSecond">Budget of background moves; 0 turns migration off.</param>
public sealed record VolumeOptions(
    long ExtentSize,
    string? MetadataDir,
    IReadOnlyList<TierOptions> Tiers,
    string Policy = "static",
    long MigrationBytesPerSecond = 64L << 20,
    double MigrationPeriodSeconds = 1.0)
{
    public const long DefaultExtentSize = 1L << 20;
    public const long MinExtentSize = 64L << 10;
    public const long MaxExtentSize = 64L << 20;
}
