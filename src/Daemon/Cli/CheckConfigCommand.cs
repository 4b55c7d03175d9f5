using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Cli;

/// <summary>
/// `tieredfs check-config FILE`: validate without mounting (nothing is created), including that
/// every `mount` key names a mountpoint its directory is on. On success, also prints the
/// RequiresMountsFor= line for a systemd drop-in (see <see cref="UnitDependencies"/>).
/// </summary>
internal static class CheckConfigCommand
{
    public static int Run(string path, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var config = ConfigLoader.LoadFile(path);
            ConfigValidator.CheckPaths(config, createMissing: false);
            stdout.WriteLine($"{path}: ok ({config.Volume.Tiers.Count} tiers, extent size {config.Volume.ExtentSize})");
            stdout.WriteLine($"systemd: {UnitDependencies.RequiresMountsFor(config)}");
            return 0;
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"tieredfs: {e.Message}");
            return MountCommand.ConfigError;
        }
    }
}
