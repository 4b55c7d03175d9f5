namespace TieredFs.Daemon.Config;

/// <summary>
/// The configuration used when no file is given. Kept as TOML text and parsed by the same loader
/// as user files, so it doubles as a documented example and can never drift from the real format.
/// </summary>
public static class EmbeddedDefault
{
    /// <summary>Name used in error messages for the embedded text.</summary>
    public const string SourceName = "<embedded default>";

    public const string Toml = """
        # tieredfs default configuration: one volume with a fast and a slow tier.
        # Copy this to a file and pass it with --config to change anything.

        [volume]
        extent_size = "1MiB"          # power of two, 64KiB..64MiB
        metadata_dir = "/var/lib/tieredfs/tiers/fast/meta"
        allow_other = false
        writeback_cache = false
        threads = 0                   # 0 = automatic

        # Tiers, fastest first. Capacity defaults to the size of the backing filesystem.
        [[tier]]
        name = "fast"
        path = "/var/lib/tieredfs/tiers/fast"
        high_watermark = 0.90
        low_watermark = 0.75

        [[tier]]
        name = "slow"
        path = "/var/lib/tieredfs/tiers/slow"

        [service]
        log_level = "information"
        """;

    /// <summary>Parses <see cref="Toml"/>; <see cref="DaemonConfig.SourcePath"/> is null.</summary>
    public static DaemonConfig Load() => ConfigLoader.Parse(Toml, SourceName, sourcePath: null);
}
