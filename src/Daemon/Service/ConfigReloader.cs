using Serilog;
using TieredFs.Daemon.Config;
using TieredFs.Daemon.Hosting;

namespace TieredFs.Daemon.Service;

/// <summary>
/// SIGHUP / `systemctl reload`: re-read the config file and apply what can change live — tier
/// watermarks and the log level. Anything structural (tiers added, removed, renamed, reordered or
/// moved, capacities, extent size, metadata directory, mount options, service endpoints) needs a
/// restart; if any of it changed the whole reload is refused, logged with the reasons, and the
/// running config stays in force. All or nothing, so the running state is always one file's worth.
/// </summary>
internal sealed class ConfigReloader(ServiceContext context)
{
    private readonly object _gate = new();

    /// <returns>Whether the new file is now in force, and a one-line account for the log and the caller.</returns>
    public (bool Applied, string Message) Reload()
    {
        lock (_gate)
        {
            var log = Log.ForContext<ConfigReloader>();
            var current = context.Config;
            if (current.SourcePath is null)
            {
                log.Warning("Config reload requested, but the daemon runs on the embedded default config: nothing to re-read");
                return (false, "running on the embedded default config; nothing to reload");
            }

            DaemonConfig next;
            try
            {
                next = ConfigLoader.LoadFile(current.SourcePath);
            }
            catch (ConfigException e)
            {
                log.Error("Config reload refused, keeping the running config: {Reason}", e.Message);
                return (false, e.Message);
            }

            var structural = StructuralChanges(current, next);
            if (structural.Count > 0)
            {
                string reasons = string.Join("; ", structural);
                log.Error("Config reload of {Path} refused, keeping the running config: {Reasons} (these need a restart)", current.SourcePath, reasons);
                return (false, $"refused, needs a restart: {reasons}");
            }

            var applied = Apply(next);
            context.Config = next;
            string summary = applied.Count == 0 ? "no changes" : string.Join("; ", applied);
            log.Information("Config reloaded from {Path}: {Changes}", current.SourcePath, summary);
            return (true, summary);
        }
    }

    private List<string> Apply(DaemonConfig next)
    {
        var changes = new List<string>();
        foreach (var wanted in next.Volume.Tiers)
        {
            var tier = context.Volume.Tiers.First(t => t.Name == wanted.Name);
            if (tier.HighWatermark != wanted.HighWatermark || tier.LowWatermark != wanted.LowWatermark)
            {
                changes.Add($"tier {tier.Name} watermarks {tier.LowWatermark}/{tier.HighWatermark} → {wanted.LowWatermark}/{wanted.HighWatermark}");
                // Low first when raising, high first when lowering, so readers never see low >= high.
                if (wanted.HighWatermark >= tier.HighWatermark)
                {
                    tier.HighWatermark = wanted.HighWatermark;
                    tier.LowWatermark = wanted.LowWatermark;
                }
                else
                {
                    tier.LowWatermark = wanted.LowWatermark;
                    tier.HighWatermark = wanted.HighWatermark;
                }
            }
        }
        if (next.Volume.MigrationBytesPerSecond != context.Config.Volume.MigrationBytesPerSecond)
        {
            // Tunable live when the policy migrates; with a non-migrating policy there is nothing to tune.
            if (context.Volume.SetMigrationRate(next.Volume.MigrationBytesPerSecond))
                changes.Add($"migration_rate {context.Config.Volume.MigrationBytesPerSecond} → {next.Volume.MigrationBytesPerSecond} bytes/s");
        }
        if (next.Service.LogLevel != context.Config.Service.LogLevel)
        {
            changes.Add($"log level {context.Config.Service.LogLevel} → {next.Service.LogLevel}");
            Logging.LevelSwitch.MinimumLevel = Logging.ParseLevel(next.Service.LogLevel);
        }
        return changes;
    }

    /// <summary>Everything that differs and cannot be applied without a restart, as readable reasons.</summary>
    public static List<string> StructuralChanges(DaemonConfig old, DaemonConfig next)
    {
        var reasons = new List<string>();
        var a = old.Volume;
        var b = next.Volume;
        var oldNames = a.Tiers.Select(t => t.Name).ToList();
        var newNames = b.Tiers.Select(t => t.Name).ToList();
        if (!oldNames.SequenceEqual(newNames))
        {
            reasons.Add($"tiers changed from [{string.Join(", ", oldNames)}] to [{string.Join(", ", newNames)}]");
        }
        else
        {
            for (int i = 0; i < a.Tiers.Count; i++)
            {
                if (a.Tiers[i].Path != b.Tiers[i].Path)
                    reasons.Add($"tier {a.Tiers[i].Name} path changed from {a.Tiers[i].Path} to {b.Tiers[i].Path}");
                if (a.Tiers[i].CapacityBytes != b.Tiers[i].CapacityBytes)
                    reasons.Add($"tier {a.Tiers[i].Name} capacity changed");
            }
        }
        if (a.ExtentSize != b.ExtentSize)
            reasons.Add($"extent_size changed from {a.ExtentSize} to {b.ExtentSize}");
        if (a.Policy != b.Policy)
            reasons.Add($"policy changed from {a.Policy} to {b.Policy}");
        if ((a.MigrationBytesPerSecond == 0) != (b.MigrationBytesPerSecond == 0))
            reasons.Add("migration_rate turned migration on or off");
        if (a.MetadataDir != b.MetadataDir)
            reasons.Add($"metadata_dir changed from {a.MetadataDir} to {b.MetadataDir}");
        if (old.Mount != next.Mount)
            reasons.Add("mount options (allow_other, writeback_cache, threads) changed");
        var (s, t) = (old.Service, next.Service);
        if (s.MountPoint != t.MountPoint)
            reasons.Add("mountpoint changed");
        if (s.ControlSocket != t.ControlSocket)
            reasons.Add("control_socket changed");
        if (s.MetricsListen != t.MetricsListen)
            reasons.Add("metrics_listen changed");
        if (s.LogFile != t.LogFile)
            reasons.Add("log_file changed");
        return reasons;
    }
}
