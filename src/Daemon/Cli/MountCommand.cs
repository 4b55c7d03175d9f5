using Serilog;
using TieredFs.Daemon.Config;
using TieredFs.Daemon.Hosting;
using TieredFs.Fuse.Session;
using TieredFs.Tiering.Metadata;

namespace TieredFs.Daemon.Cli;

/// <summary>
/// `tieredfs mount [--config FILE] [-o OPTS] [MOUNTPOINT]`, in the foreground. MOUNTPOINT may be
/// left out when the config names one ([service] mountpoint), as the systemd unit does.
/// </summary>
internal static class MountCommand
{
    public const int ConfigError = 2;

    public static int Run(string? configPath, string[] options, string? mountPointArgument, TextWriter stderr)
    {
        DaemonConfig config;
        MountOptions mountOptions;
        try
        {
            mountOptions = MountOptions.Parse(options);
            configPath ??= mountOptions.ConfigPath;
            // Absolute, so reloads, status and the mount registry name the same file whatever the cwd.
            if (configPath is not null)
                configPath = Path.GetFullPath(configPath);
            config = configPath is null ? EmbeddedDefault.Load() : ConfigLoader.LoadFile(configPath);
            ConfigValidator.CheckPaths(config, createMissing: true);
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"tieredfs: {e.Message}");
            return ConfigError;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"tieredfs: {e.Message}");
            return ConfigError;
        }
        string? mountPoint = mountPointArgument ?? config.Service.MountPoint;
        if (mountPoint is null)
        {
            stderr.WriteLine("tieredfs: no MOUNTPOINT given and the config has no [service] mountpoint");
            return ConfigError;
        }
        // A daemon killed earlier leaves a dead mount here; take the mountpoint back first.
        bool detached = Mounter.DetachIfDead(Path.GetFullPath(mountPoint));
        if (!Directory.Exists(mountPoint))
        {
            stderr.WriteLine($"tieredfs: mountpoint {mountPoint} does not exist or is not a directory");
            return 1;
        }

        Logging.Configure(config.Service.LogLevel, config.Service.LogFile);
        if (detached)
            Log.Warning("Detached a dead mount left at {MountPoint} by a daemon that did not exit cleanly", mountPoint);
        try
        {
            return new VolumeHost(config, mountPoint, mountOptions).Run();
        }
        catch (VolumeOpenException e)
        {
            Log.Fatal("Cannot open the volume: {Reason}", e.Message);
            stderr.WriteLine($"tieredfs: {e.Message}");
            return ConfigError;
        }
        catch (Service.ControlSocketInUseException e)
        {
            Log.Fatal("Not mounting: {Reason}", e.Message);
            stderr.WriteLine($"tieredfs: {e.Message}");
            return 1;
        }
        catch (FuseMountException e)
        {
            Log.Fatal("Cannot mount: {Reason}", e.Message);
            return 1;
        }
        finally
        {
            Log.CloseAndFlush();
        }
    }
}
