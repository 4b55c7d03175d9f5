using System.Net.Sockets;
using System.Text;
using Serilog;

namespace TieredFs.Daemon.Service;

/// <summary>
/// sd_notify(3) without libsystemd: one datagram per state change to $NOTIFY_SOCKET (a path, or
/// "@name" for the abstract namespace). Absent outside a Type=notify unit, and then every call is
/// a no-op, so the daemon runs the same from a shell, from fstab and from systemd.
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endpoint;
    private bool _warned;

    private SystemdNotifier(string path)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _endpoint = new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
    }

    public static SystemdNotifier? FromEnvironment() =>
        Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 1 } path ? new SystemdNotifier(path) : null;

    /// <summary>
    /// $WATCHDOG_USEC when the watchdog is meant for this process ($WATCHDOG_PID absent or ours);
    /// null when WatchdogSec= is not set.
    /// </summary>
    public static TimeSpan? WatchdogTimeout()
    {
        if (!long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out long usec) || usec <= 0)
            return null;
        string? pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (pid is not null && pid != Environment.ProcessId.ToString())
            return null;
        return TimeSpan.FromMicroseconds(usec);
    }

    /// <summary>Sends "KEY=VALUE\n…". Failures are logged once: systemd going away must not stop the mount.</summary>
    public void Notify(string state)
    {
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), _endpoint);
        }
        catch (SocketException e)
        {
            if (!_warned)
                Log.ForContext<SystemdNotifier>().Warning("Cannot notify systemd ({State}): {Reason}", state.Split('\n')[0], e.Message);
            _warned = true;
        }
    }

    public void Dispose() => _socket.Dispose();
}
