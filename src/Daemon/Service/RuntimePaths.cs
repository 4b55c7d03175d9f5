using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Service;

/// <summary>
/// Where a running daemon puts its control socket and registry entry. TIEREDFS_RUN_DIR moves the
/// whole tree (tests, several installations side by side); the default is /run/tieredfs, which
/// systemd's RuntimeDirectory= creates and the kernel empties at boot, so nothing stale survives.
/// </summary>
internal static class RuntimePaths
{
    public const string DefaultRunDirectory = "/run/tieredfs";

    public static string RunDirectory =>
        Environment.GetEnvironmentVariable("TIEREDFS_RUN_DIR") is { Length: > 0 } dir ? dir : DefaultRunDirectory;

    /// <summary>[service] control_socket, else &lt;run dir&gt;/&lt;config file stem&gt;.sock ("default" for the embedded config).</summary>
    public static string ControlSocket(DaemonConfig config) =>
        config.Service.ControlSocket ?? Path.Join(RunDirectory, StemOf(config.SourcePath) + ".sock");

    /// <summary>&lt;stem&gt;-&lt;8 hex digits of a hash of the config's full path&gt;.sock: for two configs with one file name.</summary>
    public static string UniqueControlSocket(DaemonConfig config)
    {
        string identity = config.SourcePath is null ? "<embedded>" : Path.GetFullPath(config.SourcePath);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity));
        return Path.Join(RunDirectory, $"{StemOf(config.SourcePath)}-{Convert.ToHexString(hash, 0, 4).ToLowerInvariant()}.sock");
    }

    public static string StemOf(string? configPath) =>
        configPath is null ? "default" : Path.GetFileNameWithoutExtension(configPath);
}
