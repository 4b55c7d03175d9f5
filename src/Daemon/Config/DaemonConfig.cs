using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Config;

/// <summary>Everything one daemon instance (one volume) is configured with.</summary>
/// <param name="SourcePath">File the config came from; null for the embedded default.</param>
public sealed record DaemonConfig(
    VolumeOptions Volume,
    MountSettings Mount,
    ServiceSettings Service,
    string? SourcePath)
{
    /// <summary>The `mount` keys; none for the embedded default and for configs built in code.</summary>
    public RequiredMounts RequiredMounts { get; init; } = RequiredMounts.None;
}

/// <summary>
/// Mountpoints the volume's directories must sit on (the `mount` and `metadata_mount` keys). Checked
/// before anything is created (<see cref="ConfigValidator.CheckPaths"/>), so a disk that is not
/// mounted stops the daemon instead of letting the tier silently fill the filesystem underneath.
/// </summary>
/// <param name="Tiers">Indexed like <see cref="VolumeOptions.Tiers"/>; null where a tier names no mount.</param>
/// <param name="MetadataDir">volume.metadata_mount, or null.</param>
public sealed record RequiredMounts(IReadOnlyList<string?> Tiers, string? MetadataDir)
{
    public static readonly RequiredMounts None = new([], null);

    /// <summary>The mount tier <paramref name="index"/> (0-based) must sit on, or null.</summary>
    public string? OfTier(int index) => (uint)index < (uint)Tiers.Count ? Tiers[index] : null;
}

/// <summary>FUSE mount behaviour; kept apart from <see cref="VolumeOptions"/> because the volume does not care how it is mounted.</summary>
/// <param name="Threads">FUSE worker threads; 0 lets the daemon pick from the CPU count.</param>
public sealed record MountSettings(bool AllowOther, bool WritebackCache, int Threads);

/// <summary>Control plane and logging; null endpoints mean "not enabled".</summary>
/// <param name="LogLevel">Lower-case Serilog level name, e.g. "information".</param>
/// <param name="MountPoint">Where `tieredfs mount` mounts when no MOUNTPOINT is given (systemd unit, scripts); null = must be given.</param>
/// <param name="LogFile">Optional rolling log file (daily, 7 kept) in addition to the console/journal.</param>
public sealed record ServiceSettings(string? ControlSocket, string? MetricsListen, string LogLevel, string? MountPoint = null, string? LogFile = null);
