using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using TieredFs.Daemon.Service;

namespace TieredFs.Service.Tests.Infrastructure;

/// <summary>
/// A real daemon (`dotnet tieredfs.dll mount --config FILE`, no MOUNTPOINT: it comes from the
/// config) over two temp tiers under /tmp, with its own run dir, control socket and metrics port.
/// Dispose stops it with SIGTERM, as systemd does, and removes everything.
/// </summary>
internal sealed class TestVolume : IDisposable
{
    public string Root { get; }
    public string MountPoint => Path.Combine(Root, "mnt");
    public string RunDir => Path.Combine(Root, "run");
    public string ConfigPath => Path.Combine(Root, "vol.toml");
    public string ControlSocket => Path.Combine(RunDir, "vol.sock");
    public int MetricsPort { get; }
    public Process? Process { get; private set; }
    public StringBuilder Output { get; } = new();

    public TestVolume()
    {
        Root = Path.Combine("/tmp", "tfs-svc-" + Guid.NewGuid().ToString("N")[..12]);
        foreach (var d in new[] { "fast", "slow", "mnt", "run" })
            Directory.CreateDirectory(Path.Combine(Root, d));
        MetricsPort = FreePort();
        WriteConfig(highWatermark: 0.9, lowWatermark: 0.75);
    }

    /// <summary>64 KiB extents, a 1 MiB fast tier, so a few writes spill to the slow tier.</summary>
    public void WriteConfig(double highWatermark, double lowWatermark, string extentSize = "64KiB")
    {
        File.WriteAllText(ConfigPath, $"""
            [volume]
            extent_size = "{extentSize}"
            threads = 2

            [[tier]]
            name = "fast"
            path = "{Root}/fast"
            capacity = "1MiB"
            high_watermark = {highWatermark.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            low_watermark = {lowWatermark.ToString(System.Globalization.CultureInfo.InvariantCulture)}

            [[tier]]
            name = "slow"
            path = "{Root}/slow"

            [service]
            mountpoint = "{MountPoint}"
            control_socket = "{ControlSocket}"
            metrics_listen = "127.0.0.1:{MetricsPort}"
            log_level = "information"
            """);
    }

    /// <summary>Starts the daemon and waits until the mount is registered (i.e. after READY).</summary>
    public TestVolume Start(IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { RepoPaths.DaemonDll, "mount", "--config", ConfigPath })
            psi.ArgumentList.Add(arg);
        psi.Environment["TIEREDFS_RUN_DIR"] = RunDir;
        psi.Environment.Remove("NOTIFY_SOCKET");
        psi.Environment.Remove("WATCHDOG_USEC");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        var process = System.Diagnostics.Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Process = process;

        string registry = Path.Combine(RunDir, "mounts", MountRegistry.Escape(MountPoint));
        var deadline = Stopwatch.StartNew();
        // Wait for this process's entry (a killed predecessor may have left its own behind).
        while (!(File.Exists(registry) && File.ReadAllText(registry).Contains($"\"pid\":{process.Id},")))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"daemon exited with {process.ExitCode}:\n{Log}");
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"daemon did not come up:\n{Log}");
            Thread.Sleep(50);
        }
        return this;
    }

    public string Log
    {
        get
        {
            lock (Output)
                return Output.ToString();
        }
    }

    /// <summary>
    /// The log once it contains <paramref name="text"/>: stdout is read asynchronously, so a line
    /// written before READY may still be on its way when the mount is up. Gives up after 15 s.
    /// </summary>
    public string WaitForLog(string text)
    {
        var deadline = Stopwatch.StartNew();
        string log;
        while (!(log = Log).Contains(text) && deadline.Elapsed < TimeSpan.FromSeconds(15))
            Thread.Sleep(20);
        return log;
    }

    public void Signal(int signal) => Posix.Kill(Process!.Id, signal);

    /// <summary>SIGTERM and wait for a clean exit; returns the exit code.</summary>
    public int Stop()
    {
        if (Process is null || Process.HasExited)
            return Process?.ExitCode ?? 0;
        Signal(Posix.SIGTERM);
        if (!Process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            Process.Kill();
            Process.WaitForExit();
        }
        Process.WaitForExit();
        return Process.ExitCode;
    }

    public JsonObject Control(JsonObject request) => ControlClient.Send(ControlSocket, request, TimeSpan.FromSeconds(10));

    public JsonObject Status()
    {
        var response = Control(new JsonObject { ["command"] = "status" });
        Assert.True((bool?)response["ok"], response.ToJsonString());
        return response["status"]!.AsObject();
    }

    public JsonObject TierStatus(string name) =>
        Status()["tiers"]!.AsArray().Select(t => t!.AsObject()).Single(t => (string?)t["name"] == name);

    public string Scrape(string path = "/metrics")
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return client.GetStringAsync($"http://127.0.0.1:{MetricsPort}{path}").GetAwaiter().GetResult();
    }

    public void WriteFile(string name, int extents, byte fill = 0x5a)
    {
        var data = new byte[64 * 1024];
        Array.Fill(data, fill);
        using var f = new FileStream(Path.Combine(MountPoint, name), FileMode.OpenOrCreate, FileAccess.Write);
        f.Seek(0, SeekOrigin.End);
        for (int i = 0; i < extents; i++)
            f.Write(data);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            if (Posix.IsMounted(MountPoint))
                Posix.Umount2(MountPoint, Posix.MNT_DETACH);
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
