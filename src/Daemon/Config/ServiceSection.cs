using System.Text;
using Tomlyn.Syntax;

namespace TieredFs.Daemon.Config;

/// <summary>Reads and validates the optional [service] table (mountpoint, control socket, metrics, logging).</summary>
internal static class ServiceSection
{
    private static readonly string[] Keys = ["mountpoint", "control_socket", "metrics_listen", "log_level", "log_file"];

    /// <summary>Serilog's level names; the config uses them lower-case.</summary>
    public static readonly string[] LogLevels = ["verbose", "debug", "information", "warning", "error", "fatal"];

    public const string DefaultLogLevel = "information";

    // sockaddr_un.sun_path is 108 bytes including the terminating NUL; longer paths fail only at bind time.
    private const int MaxSocketPathBytes = 107;

    public static ServiceSettings Read(TableSyntax? table, string source)
    {
        var r = new TableReader(source, DocumentLayout.ServiceTable, TomlNames.LineOf(table), table?.Items ?? [], Keys);

        // Lets a systemd unit or an fstab-less `tieredfs mount --config FILE` find the mountpoint
        // in the one file that describes the volume.
        var mountPoint = r.GetString("mountpoint");
        if (mountPoint is not null)
        {
            if (PathRules.Problem(mountPoint) is { } problem) throw r.Error("mountpoint", problem);
            mountPoint = PathRules.Normalize(mountPoint);
        }

        var logFile = r.GetString("log_file");
        if (logFile is not null && PathRules.Problem(logFile) is { } logProblem)
            throw r.Error("log_file", logProblem);

        var socket = r.GetString("control_socket");
        if (socket is not null)
        {
            if (PathRules.Problem(socket) is { } problem) throw r.Error("control_socket", problem);
            if (Encoding.UTF8.GetByteCount(socket) > MaxSocketPathBytes)
                throw r.Error("control_socket", $"\"{socket}\" is too long for a unix socket (max {MaxSocketPathBytes} bytes)");
        }

        var metrics = r.GetString("metrics_listen");
        if (metrics is not null && !IsHostPort(metrics))
            throw r.Error("metrics_listen", $"\"{metrics}\" is not host:port (e.g. \"127.0.0.1:9567\")");

        var level = r.GetString("log_level") ?? DefaultLogLevel;
        var normalized = level.ToLowerInvariant();
        if (!LogLevels.Contains(normalized))
            throw r.Error("log_level", $"unknown level \"{level}\" (use one of {string.Join(", ", LogLevels)})");

        return new ServiceSettings(socket, metrics, normalized, mountPoint, logFile);
    }

    /// <summary>Shape check only ("host:port", port 1-65535); resolving the host is the listener's job.</summary>
    private static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0) return false;
        var port = value[(colon + 1)..];
        return port.All(char.IsAsciiDigit) && int.TryParse(port, out var p) && p is >= 1 and <= 65535;
    }
}
