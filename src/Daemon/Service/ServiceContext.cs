using System.Diagnostics;
using TieredFs.Daemon.Config;
using TieredFs.Fuse.Protocol;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Service;

/// <summary>What the control socket, /metrics and the reloader read about one running mount.</summary>
internal sealed class ServiceContext(Volume volume, string mountPoint, string controlSocket, DaemonConfig config)
{
    public Volume Volume { get; } = volume;
    public string MountPoint { get; } = mountPoint;
    public string ControlSocket { get; } = controlSocket;
    public long StartedAt { get; } = Stopwatch.GetTimestamp();
    public DateTimeOffset StartedAtUtc { get; } = DateTimeOffset.UtcNow;

    /// <summary>The config in force: replaced by a successful reload.</summary>
    public DaemonConfig Config { get => Volatile.Read(ref _config); set => Volatile.Write(ref _config, value); }
    private DaemonConfig _config = config;

    /// <summary>Set once the FUSE session has started; null before (status then shows no requests).</summary>
    public RequestProcessor? Processor { get; set; }

    public double UptimeSeconds => Stopwatch.GetElapsedTime(StartedAt).TotalSeconds;
}
