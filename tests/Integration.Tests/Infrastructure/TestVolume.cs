using System.Text;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// A real tiered-fs volume over temp tier directories: writes the TOML config, runs <c>tieredfs mount</c> in the
/// foreground and waits for /proc/self/mountinfo to show the mount. Dispose always leaves nothing mounted.
/// </summary>
public sealed class TestVolume : IDisposable
{
    public static readonly TimeSpan MountTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    public VolumeSpec Spec { get; }
    public string BaseDir { get; }
    /// <summary>The mount point; all user-visible paths are under it.</summary>
    public string Path { get; }
    public string ConfigPath { get; }
    /// <summary>Tier name → backing directory, fastest first.</summary>
    public IReadOnlyDictionary<string, string> TierPaths { get; }
    public DaemonProcess? Daemon { get; private set; }

    /// <summary>
    /// A hung daemon blocks the test's syscalls forever (FUSE requests have no timeout). After this long the
    /// watchdog SIGKILLs the daemon, which fails every pending request with ENOTCONN: tests fail instead of
    /// hanging CI.
    /// </summary>
    public static readonly TimeSpan WatchdogTimeout = TimeSpan.FromMinutes(8);
    private readonly Timer _watchdog;
    private volatile bool _watchdogFired;

    private TestVolume(VolumeSpec spec, string label)
    {
        Spec = spec;
        BaseDir = TempRoot.NewDir(label);
        Path = System.IO.Path.Combine(BaseDir, "mnt");
        Directory.CreateDirectory(Path);
        Native.Chmod(Path, 0x1ED);
        var tiers = new Dictionary<string, string>();
        foreach (var t in spec.Tiers)
        {
            var dir = System.IO.Path.Combine(BaseDir, "tiers", t.Name);
            Directory.CreateDirectory(dir);
            tiers[t.Name] = dir;
        }
        TierPaths = tiers;
        ConfigPath = System.IO.Path.Combine(BaseDir, "config.toml");
        File.WriteAllText(ConfigPath, spec.ToToml(BaseDir, tiers));
        _watchdog = new Timer(_ =>
        {
            _watchdogFired = true;
            try { Daemon?.Signal(Native.SIGKILL); } catch (ErrnoException) { }
        }, null, WatchdogTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Creates the dirs and config without mounting (to prepare tier directories first); call <see cref="Start"/>.</summary>
    public static TestVolume Create(VolumeSpec spec, string label = "vol") => new(spec, label);

    /// <summary>Creates the dirs and config and mounts; throws <see cref="MountFailedException"/> with the daemon's output.</summary>
    public static TestVolume Mount(VolumeSpec spec, string label = "vol")
    {
        var v = new TestVolume(spec, label);
        try
        {
            v.Start();
            return v;
        }
        catch
        {
            v.Dispose();
            throw;
        }
    }

    /// <summary>Relative path → absolute path inside the mount.</summary>
    public string P(string relative) => System.IO.Path.Combine(Path, relative);

    public IReadOnlyList<string> MountArgs()
    {
        var args = new List<string> { "mount", "--config", ConfigPath };
        if (Spec.MountOptions.Count > 0)
        {
            args.Add("-o");
            args.Add(string.Join(',', Spec.MountOptions));
        }
        args.Add(Path);
        return args;
    }

    /// <summary>Starts the daemon and waits until the mount is visible and answers stat.</summary>
    public void Start()
    {
        if (Daemon is { HasExited: false }) throw new InvalidOperationException("daemon already running");
        Daemon?.Dispose();
        var d = DaemonProcess.Start(MountArgs());
        Daemon = d;
        var deadline = DateTime.UtcNow + MountTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (d.HasExited)
            {
                d.WaitForExit(TimeSpan.FromSeconds(1));
                throw new MountFailedException($"tieredfs mount exited before {Path} was mounted.\n{d.Describe()}");
            }
            if (IsLiveMount(deadline - DateTime.UtcNow)) return;
            Thread.Sleep(50);
        }
        var entries = string.Join("\n", MountTable.At(Path));
        d.Signal(Native.SIGKILL);
        d.WaitForExit(TimeSpan.FromSeconds(5));
        ForceUnmount();
        throw new MountFailedException(
            $"{Path} did not show up as a live {MountTable.FsType} mount within {MountTimeout.TotalSeconds}s " +
            $"(mountinfo entries there: [{entries}]).\n{d.Describe()}");
    }

    /// <summary>
    /// Ready = the top mount at Path is fuse.tieredfs AND a lookup of a never-used name gets an answer from the
    /// daemon. The lookup matters after <see cref="Kill"/>: the dead mount stays in mountinfo (mount ids and
    /// device numbers can be reused by the new mount, so they cannot tell old from new) and stat of its root can
    /// still succeed from the kernel's attribute cache, but a fresh name is never cached, so only a live daemon
    /// can answer it (ENOENT), while a dead connection gives ENOTCONN.
    /// </summary>
    private bool IsLiveMount(TimeSpan budget)
    {
        var top = MountTable.At(Path).LastOrDefault();
        if (top == null || top.FsType != MountTable.FsType) return false;
        // The probe may block if the daemon hangs; do it off-thread so the timeout still applies.
        var probe = Task.Run(() => ProbeErrno(Path));
        if (!probe.Wait(budget > TimeSpan.Zero ? budget : TimeSpan.FromMilliseconds(1))) return false;
        if (probe.Result is not (0 or Errno.ENOENT)) return false;
        // The probe must have hit the FUSE mount, not the directory underneath during a remount race.
        top = MountTable.At(Path).LastOrDefault();
        if (top == null || top.FsType != MountTable.FsType) return false;
        var st = Native.Stat(Path);
        return st.DevMajor == top.DevMajor && st.DevMinor == top.DevMinor;
    }

    /// <summary>errno of a lookup of a fresh random name under <paramref name="dir"/> (ENOENT from a live daemon).</summary>
    public static int ProbeErrno(string dir) =>
        Native.ErrnoOf(() => Native.Lstat(System.IO.Path.Combine(dir, $".probe-{Guid.NewGuid():N}")));

    /// <summary>SIGTERM (or <paramref name="signal"/>) and wait; returns the exit code. Contract: flush, unmount, exit 0.</summary>
    public int Stop(int signal = Native.SIGTERM)
    {
        var d = Daemon ?? throw new InvalidOperationException("not started");
        d.Signal(signal);
        if (!d.WaitForExit(StopTimeout))
            throw new Xunit.Sdk.XunitException($"daemon did not exit within {StopTimeout.TotalSeconds}s of signal {signal}.\n{d.Describe()}");
        return d.ExitCode!.Value;
    }

    /// <summary>SIGKILL: the FUSE mount stays behind, dead (ENOTCONN), as after a crash.</summary>
    public void Kill()
    {
        var d = Daemon ?? throw new InvalidOperationException("not started");
        d.Signal(Native.SIGKILL);
        if (!d.WaitForExit(StopTimeout)) throw new Xunit.Sdk.XunitException("daemon survived SIGKILL?");
    }

    /// <summary>Clean stop (asserting exit 0) when running, then start again with the same config.</summary>
    public void Remount()
    {
        if (Daemon is { HasExited: false })
        {
            var code = Stop();
            if (code != 0) throw new Xunit.Sdk.XunitException($"daemon exited {code} on SIGTERM (expected 0).\n{Daemon.Describe()}");
        }
        Start();
    }

    /// <summary><c>tieredfs unmount MOUNTPOINT</c>.</summary>
    public ProcessResult Unmount() => DaemonBinary.Run("unmount", Path);

    public ExtentMap Inspect(string path)
    {
        var r = DaemonBinary.Run("inspect", "--json", path);
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"inspect failed: {r.Describe()}");
        try
        {
            return ExtentMap.ParseJson(r.Stdout);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"inspect --json output is not the documented JSON ({e.Message}): {r.Describe()}");
        }
    }

    public ProcessResult InspectText(string path) => DaemonBinary.Run("inspect", path);

    /// <summary>Contract: &lt;tier&gt;/data/&lt;ino % 256 as 2 lowercase hex&gt;/&lt;ino decimal&gt;.</summary>
    public string DataFilePath(string tier, ulong ino) =>
        System.IO.Path.Combine(TierPaths[tier], "data", (ino % 256).ToString("x2"), ino.ToString());

    private void ForceUnmount()
    {
        // A stacked or dead mount may need several lazy unmounts.
        for (var i = 0; i < 4 && MountTable.At(Path).Any(); i++)
        {
            ProcessRunner.Run("umount", ["-l", Path], TimeSpan.FromSeconds(10));
            if (MountTable.At(Path).Any())
                ProcessRunner.Run("fusermount3", ["-uz", Path], TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        var d = Daemon;
        if (d != null)
        {
            if (!d.HasExited)
            {
                d.Signal(Native.SIGTERM);
                if (!d.WaitForExit(StopTimeout)) d.Signal(Native.SIGKILL);
                d.WaitForExit(TimeSpan.FromSeconds(5));
            }
            d.Dispose();
        }
        ForceUnmount();
        TempRoot.Delete(BaseDir);
    }

    public override string ToString()
    {
        var sb = new StringBuilder($"TestVolume {Path} (config {ConfigPath})");
        if (_watchdogFired) sb.Append($" [watchdog SIGKILLed the daemon after {WatchdogTimeout.TotalMinutes} min]");
        if (Daemon != null) sb.Append('\n').Append(Daemon.Describe());
        return sb.ToString();
    }
}
