using Serilog;
using Serilog.Events;

namespace TieredFs.Daemon.Hosting;

/// <summary>
/// Serilog to stderr. Under systemd (JOURNAL_STREAM set) timestamps are left to the journal.
/// Quiet by default: one line per notable event, never one per request.
/// </summary>
internal static class Logging
{
    public static void Configure(string level)
    {
        var minimum = ParseLevel(level);
        bool underJournal = Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null;
        string template = underJournal
            ? "{Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}"
            : "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}";
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
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
