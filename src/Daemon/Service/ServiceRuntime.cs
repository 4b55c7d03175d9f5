using System.Runtime.InteropServices;
using Serilog;
using TieredFs.Daemon.Config;
using TieredFs.Fuse.Session;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Service;

/// <summary>
/// Everything around one mount that makes it a service: the control socket (opened before the
/// volume, so a second daemon for the same config stops before touching the store), then after
/// mounting the registry entry, /metrics, the fill monitor, the systemd watchdog and READY=1;
/// SIGHUP → reload; STOPPING=1 at shutdown, when the control plane closes before the volume does.
/// VolumeHost drives it in that order.
/// </summary>
internal sealed class ServiceRuntime : IDisposable
{
    /// <summary>One statfs attempt on the fresh mount before READY; repeated until it answers.</summary>
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    private readonly ILogger _log = Log.ForContext<ServiceRuntime>();
    private readonly DaemonConfig _config;
    private readonly string _mountPoint;
    private readonly ControlServer _control;
    private ServiceContext? _context;
    private ConfigReloader? _reloader;
    private ControlCommands? _commands;
    private readonly SystemdNotifier? _notifier = SystemdNotifier.FromEnvironment();
    private readonly AutoResetEvent _reload = new(false);
    private readonly PosixSignalRegistration _sighup;
    private MetricsServer? _metrics;
    private TierFillMonitor? _monitor;
    private Watchdog? _watchdog;
    private bool _registered;

    private ServiceRuntime(DaemonConfig config, string mountPoint)
    {
        _config = config;
        _mountPoint = mountPoint;
        _control = StartControl(config);
        _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c =>
        {
            c.Cancel = true;
            _reload.Set();
        });
    }

    /// <summary>
    /// The socket named after the config file; if a daemon for another volume whose config has the
    /// same file name already serves it, a name made unique by the config's full path. Only an
    /// explicitly configured socket that is taken refuses the mount (the metadata lock is what
    /// keeps two daemons off one volume). `tieredfs status MOUNTPOINT` finds either via the registry.
    /// </summary>
    private ControlServer StartControl(DaemonConfig config)
    {
        string path = RuntimePaths.ControlSocket(config);
        try
        {
            return ControlServer.Start(path, Execute);
        }
        catch (ControlSocketInUseException) when (config.Service.ControlSocket is null)
        {
            return ControlServer.Start(RuntimePaths.UniqueControlSocket(config), Execute);
        }
    }

    /// <summary>Signalled by SIGHUP; the host's main loop then calls <see cref="Reload"/>.</summary>
    public WaitHandle ReloadRequested => _reload;

    /// <summary>Null until the volume is mounted.</summary>
    public ServiceContext? Context => _context;

    /// <exception cref="ControlSocketInUseException">Another daemon serves this config.</exception>
    public static ServiceRuntime BeforeOpen(DaemonConfig config, string mountPoint) => new(config, mountPoint);

    private System.Text.Json.Nodes.JsonObject Execute(System.Text.Json.Nodes.JsonObject request) =>
        Volatile.Read(ref _commands) is { } commands ? commands.Execute(request) : ControlProtocol.Error("the volume is not mounted (starting or stopping)");

    public void AfterMount(Volume volume, FuseSession session)
    {
        var context = new ServiceContext(volume, _mountPoint, _control.Path, _config) { Processor = session.Processor };
        _context = context;
        _reloader = new ConfigReloader(context);
        Volatile.Write(ref _commands, new ControlCommands(context, _reloader));
        // READY=1 means "the mount answers", so wait for that; if it never does, systemd's
        // TimeoutStartSec= fails the start and ExecStopPost detaches the mount.
        bool warned = false;
        while (!MountProbe.Answers(context.MountPoint, s_probeTimeout, out string? problem) && !session.IsStopped)
        {
            if (!warned)
                _log.Warning("The new mount does not answer yet ({Problem}); waiting before reporting ready", problem);
            warned = true;
        }

        if (context.Config.Service.MetricsListen is { } listen)
        {
            try
            {
                _metrics = MetricsServer.Start(listen, () => PrometheusWriter.Render(context));
                _log.Information("Serving Prometheus metrics on http://{Endpoint}/metrics", _metrics.Endpoint);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                // Metrics are an aid; a taken port must not keep the data offline.
                _log.Error("Cannot serve metrics on {Listen}: {Reason}; continuing without /metrics", listen, e.Message);
            }
        }
        _monitor = new TierFillMonitor(context.Volume);
        if (_notifier is not null && SystemdNotifier.WatchdogTimeout() is { } timeout)
        {
            _watchdog = new Watchdog(_notifier, timeout, context.MountPoint, () => !session.IsStopped);
            _log.Information("systemd watchdog enabled: probing the mount every {Seconds:0.#} s", timeout.TotalSeconds / 2);
        }
        // Registered last: whoever finds the entry finds every service up.
        MountRegistry.Register(new MountRecord(context.MountPoint, context.ControlSocket, Environment.ProcessId, context.Config.SourcePath));
        _registered = true;
        _notifier?.Notify($"READY=1\nSTATUS=Serving {context.MountPoint}\nMAINPID={Environment.ProcessId}");
        _log.Information("Control socket {Socket}", context.ControlSocket);
    }

    public void Reload()
    {
        if (_reloader is null)
            return;
        _notifier?.Notify($"RELOADING=1\nMONOTONIC_USEC={MonotonicMicroseconds()}");
        var (applied, message) = _reloader.Reload();
        _notifier?.Notify(applied ? $"READY=1\nSTATUS=Serving {_mountPoint}" : $"READY=1\nSTATUS=Serving {_mountPoint}; last reload refused: {message}");
    }

    /// <summary>
    /// Called as soon as shutdown begins, before the unmount and the metadata commit: tell systemd,
    /// and close everything that reads the volume so nothing touches it while it closes.
    /// </summary>
    public void Stopping()
    {
        _notifier?.Notify("STOPPING=1\nSTATUS=Unmounting");
        Volatile.Write(ref _commands, null);
        StopServices();
    }

    private void StopServices()
    {
        _watchdog?.Dispose();
        _watchdog = null;
        _monitor?.Dispose();
        _monitor = null;
        _metrics?.Dispose();
        _metrics = null;
        if (_registered)
            MountRegistry.Unregister(_mountPoint);
        _registered = false;
    }

    // CLOCK_MONOTONIC, which RELOADING=1 wants alongside it (systemd ≥ 253 Type=notify-reload).
    private static long MonotonicMicroseconds() => System.Diagnostics.Stopwatch.GetTimestamp() / (System.Diagnostics.Stopwatch.Frequency / 1_000_000);

    public void Dispose()
    {
        _sighup.Dispose();
        StopServices();
        _control.Dispose();
        _notifier?.Dispose();
        _reload.Dispose();
    }
}
