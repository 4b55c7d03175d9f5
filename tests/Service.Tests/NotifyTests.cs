using System.Net.Sockets;
using System.Text;
using TieredFs.Service.Tests.Infrastructure;

namespace TieredFs.Service.Tests;

/// <summary>The sd_notify protocol as systemd sees it, on a datagram socket passed via NOTIFY_SOCKET.</summary>
public sealed class NotifyTests : IDisposable
{
    private readonly TestVolume _volume = new();
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string _socketPath;

    public NotifyTests()
    {
        _socketPath = Path.Combine(_volume.Root, "notify.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(_socketPath));
        _socket.ReceiveTimeout = 15_000;
    }

    public void Dispose()
    {
        _volume.Dispose();
        _socket.Dispose();
    }

    [Fact]
    public void ReadyWatchdogAndStoppingAreSent()
    {
        _volume.Start(new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = _socketPath,
            ["WATCHDOG_USEC"] = "1000000",
        });

        string ready = Receive(m => m.Contains("READY=1"));
        Assert.Contains($"MAINPID={_volume.Process!.Id}", ready);
        // READY only once the mount answers: the registry file exists and the mount serves statfs.
        Assert.True(Posix.IsMounted(_volume.MountPoint));

        Receive(m => m == "WATCHDOG=1");
        Receive(m => m == "WATCHDOG=1");

        Assert.Equal(0, _volume.Stop());
        Receive(m => m.StartsWith("STOPPING=1", StringComparison.Ordinal));
        Assert.False(Posix.IsMounted(_volume.MountPoint));
    }

    [Fact]
    public void AbstractNamespaceSocketWorks()
    {
        string name = "tfs-test-" + Guid.NewGuid().ToString("N")[..8];
        using var abstractSocket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        abstractSocket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        abstractSocket.ReceiveTimeout = 15_000;
        _volume.Start(new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "@" + name });
        var buffer = new byte[4096];
        int n = abstractSocket.Receive(buffer);
        Assert.Contains("READY=1", Encoding.UTF8.GetString(buffer, 0, n));
    }

    private string Receive(Func<string, bool> wanted)
    {
        var buffer = new byte[4096];
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            int n = _socket.Receive(buffer);
            string message = Encoding.UTF8.GetString(buffer, 0, n);
            if (wanted(message))
                return message;
            seen.Add(message);
        }
        throw new Xunit.Sdk.XunitException("wanted message not received; got: " + string.Join(" | ", seen));
    }
}
