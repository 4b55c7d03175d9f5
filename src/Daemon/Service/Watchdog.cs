using Serilog;

namespace TieredFs.Daemon.Service;

/// <summary>
/// Honours WatchdogSec=: every half period, probe the mount (<see cref="MountProbe"/>) and send
/// WATCHDOG=1 only if it answered. A wedged FUSE loop therefore stops the pings and systemd
/// restarts the service (the new daemon detaches the dead mount first).
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly SystemdNotifier _notifier;
    private readonly TimeSpan _period;
    private readonly string _mountPoint;
    private readonly Func<bool> _sessionAlive;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public Watchdog(SystemdNotifier notifier, TimeSpan timeout, string mountPoint, Func<bool> sessionAlive)
    {
        _notifier = notifier;
        _period = timeout / 2;
        _mountPoint = mountPoint;
        _sessionAlive = sessionAlive;
        _thread = new Thread(Loop) { IsBackground = true, Name = "watchdog" };
        _thread.Start();
    }

    private void Loop()
    {
        var log = Log.ForContext<Watchdog>();
        bool failing = false;
        do
        {
            // The probe's timeout is part of the period, so a healthy mount pings at least twice per WatchdogSec.
            string? problem = "the FUSE session has ended";
            if (_sessionAlive() && MountProbe.Answers(_mountPoint, _period / 2, out problem))
            {
                _notifier.Notify("WATCHDOG=1");
                if (failing)
                    log.Information("Mount {MountPoint} answers again; watchdog pings resumed", _mountPoint);
                failing = false;
            }
            else if (!failing && !_stop.IsSet)
            {
                failing = true;
                log.Error("Mount {MountPoint} is not answering ({Problem}); withholding the watchdog ping so systemd restarts the service",
                    _mountPoint, problem);
            }
        }
        while (!_stop.Wait(_period / 2));
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
