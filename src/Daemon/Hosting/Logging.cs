using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace TieredFs.Daemon.Hosting;

/// <summary>
/// Serilog to stderr. Under systemd (JOURNAL_STREAM set) timestamps are left to the journal.
/// Quiet by default: one line per notable event, never one per request. Optionally also a
/// rolling file (daily, 7 kept). The level sits behind a switch so a config reload can change it.
/// </summary>
internal static class Logging
{
    /// <summary>The live minimum level; <see cref="Service.ConfigReloader"/> sets it.</summary>
    public static LoggingLevelSwitch LevelSwitch { get; } = new();

    public static void Configure(string level, string? file = null)
    {
        LevelSwitch.MinimumLevel = ParseLevel(level);
        bool underJournal = Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null;
        string template = underJournal
            ? "{Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}"
            : "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}";
        var config = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(LevelSwitch)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose);
        if (file is not null)
        {
            config = config.WriteTo.File(file,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7, shared: false);
        }
        Log.Logger = config.CreateLogger();
    }

    public static LogEventLevel ParseLevel(string level) => level.ToLowerInvariant() switch
    {
        "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" => LogEventLevel.Fatal,
        _ => LogEventLevel.Information,
    };
}
