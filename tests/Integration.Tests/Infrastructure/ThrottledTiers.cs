using System.Globalization;
using System.Text;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// A two-tier <see cref="TestVolume"/> on real, different block devices (as bench/live-tiering.sh builds, smaller):
/// <list type="bullet">
/// <item>fast tier: ext4 on a fresh zram device (<c>hot_add</c>; never an existing /dev/zramN);</item>
/// <item>slow tier: ext4 on a direct-I/O loop device over a sparse file in the volume's temp dir, whose reads are
/// throttled to <see cref="Options.SlowReadIops"/> for the daemon with blkio v1
/// (<c>blkio.throttle.read_iops_device</c>);</item>
/// <item>the daemon in a memory cgroup (<see cref="Options.DaemonMemoryBytes"/>) so the page cache of the slow
/// tier cannot grow without bound and hide the device.</item>
/// </list>
/// The ext4 file systems are mounted on the volume's tier directories before the daemon starts; the daemon is
/// moved into the cgroups (its pid into both <c>cgroup.procs</c>, which moves every thread) as soon as it is up,
/// before the test does any I/O. Cgroups are named <c>tieredfs-it-&lt;12 hex&gt;</c>, unique per instance, so
/// parallel test classes and bench/live-tiering.sh (<c>tieredfs-live-*</c>, its own zram device) never collide.
/// A machine without zram, blkio throttling or the memory controller fails the test with a clear message (CI is
/// such a machine; the test must not silently skip). Dispose tears everything down even after a failure and
/// throws if something could not be removed (a leaked device or cgroup would otherwise go unnoticed).
/// </summary>
public sealed class ThrottledTiers : IDisposable
{
    public sealed record Options
    {
        public long FastDeviceBytes { get; init; } = 256 * VolumeSpec.MiB;
        public long SlowImageBytes { get; init; } = 512 * VolumeSpec.MiB;
        public int SlowReadIops { get; init; } = 200;
        public long DaemonMemoryBytes { get; init; } = 128 * VolumeSpec.MiB;
    }

    private const string CgroupRoot = "/sys/fs/cgroup";
    private const string ZramControl = "/sys/class/zram-control";

    public TestVolume Volume { get; }
    public Options Settings { get; }
    public string FastTier { get; }
    public string SlowTier { get; }
    /// <summary>Name of the daemon's cgroup, the same under memory/ and blkio/.</summary>
    public string CgroupName { get; } = $"tieredfs-it-{Guid.NewGuid():N}"[..24];
    public string? FastDevice => _zram is { } n ? $"/dev/zram{n}" : null;
    public string? SlowDevice { get; private set; }
    /// <summary>"MAJ:MIN" of the slow tier's loop device, as blkio wants it.</summary>
    public string? SlowMajMin { get; private set; }
    public string SlowImage => Path.Combine(Volume.BaseDir, "slow.img");

    private int? _zram;
    private readonly List<string> _mounted = [];
    private readonly List<string> _cgroupDirs = [];

    private ThrottledTiers(TestVolume volume, Options options)
    {
        Volume = volume;
        Settings = options;
        FastTier = volume.Spec.Tiers[0].Name;
        SlowTier = volume.Spec.Tiers[1].Name;
    }

    /// <summary>Builds devices and cgroups, mounts the volume on them and confines the daemon; throws with the reason.</summary>
    public static ThrottledTiers Mount(VolumeSpec spec, string label, Options? options = null)
    {
        if (spec.Tiers.Count != 2)
            throw new ArgumentException("ThrottledTiers builds exactly two tiers (fast on zram, slow on a throttled loop device)");
        RequireMachine();
        var t = new ThrottledTiers(TestVolume.Create(spec, label), options ?? new Options());
        try
        {
            t.SetUp();
            t.Volume.Start();
            t.Confine();
            return t;
        }
        catch
        {
            try
            {
                t.Dispose();
            }
            catch (Exception)
            {
                // the setup failure is the one to report; a cleanup failure after it would hide it
            }
            throw;
        }
    }

    private static void RequireMachine()
    {
        if (Native.Geteuid() != 0)
            throw new Xunit.Sdk.XunitException("ThrottledTiers needs root (zram, loop devices, mounts, cgroups)");
        foreach (var c in new[] { "memory", "blkio" })
            if (!File.Exists(Path.Combine(CgroupRoot, c, "cgroup.procs")))
                throw new Xunit.Sdk.XunitException(
                    $"this test needs the cgroup v1 '{c}' controller mounted at {CgroupRoot}/{c} (the CI machine has it: " +
                    "Debian 12, cgroup v1 with memory and blkio); it is missing here, so the slow tier cannot be throttled");
        if (!File.Exists(Path.Combine(CgroupRoot, "blkio", "blkio.throttle.read_iops_device")))
            throw new Xunit.Sdk.XunitException(
                $"{CgroupRoot}/blkio has no blkio.throttle.read_iops_device: the kernel lacks CONFIG_BLK_DEV_THROTTLING, " +
                "so the slow tier cannot be throttled");
        if (!File.Exists(Path.Combine(CgroupRoot, "memory", "memory.limit_in_bytes")))
            throw new Xunit.Sdk.XunitException($"{CgroupRoot}/memory has no memory.limit_in_bytes (not a cgroup v1 memory hierarchy?)");
        if (!File.Exists(Path.Combine(ZramControl, "hot_add")))
        {
            ProcessRunner.Run("modprobe", ["zram"], TimeSpan.FromSeconds(30));
            if (!File.Exists(Path.Combine(ZramControl, "hot_add")))
                throw new Xunit.Sdk.XunitException(
                    $"no {ZramControl}/hot_add (zram module missing and `modprobe zram` did not load it): the fast tier " +
                    "of this test is ext4 on a fresh zram device");
        }
        ProcessRunner.Require("mkfs.ext4", "e2fsprogs");
        ProcessRunner.Require("losetup", "mount");
        ProcessRunner.Require("umount", "mount");
    }

    private void SetUp()
    {
        // Fast tier: a fresh zram device. hot_add prints its number; it is ours alone.
        var n = int.Parse(File.ReadAllText(Path.Combine(ZramControl, "hot_add")).Trim(), CultureInfo.InvariantCulture);
        _zram = n;
        WriteSysfs($"/sys/block/zram{n}/disksize", Settings.FastDeviceBytes.ToString(CultureInfo.InvariantCulture));
        WaitForNode(FastDevice!);
        MakeExt4(FastDevice!);
        MountExt4(FastDevice!, Volume.TierPaths[FastTier]);

        // Slow tier: a sparse image in the volume's temp dir behind a direct-I/O loop device (no second page cache
        // of the image underneath ext4's).
        using (var f = new FileStream(SlowImage, FileMode.CreateNew, FileAccess.Write))
            f.SetLength(Settings.SlowImageBytes);
        var r = Run("losetup", "--find", "--show", "--direct-io=on", SlowImage);
        SlowDevice = r.Stdout.Trim();
        if (!SlowDevice.StartsWith("/dev/loop", StringComparison.Ordinal))
            throw new Xunit.Sdk.XunitException($"losetup printed no loop device: {r.Describe()}");
        SlowMajMin = File.ReadAllText($"/sys/block/{Path.GetFileName(SlowDevice)}/dev").Trim();
        MakeExt4(SlowDevice);
        MountExt4(SlowDevice, Volume.TierPaths[SlowTier]);

        // The daemon's cgroups: memory limit; reads from the slow tier's device throttled.
        foreach (var c in new[] { "memory", "blkio" })
        {
            var dir = Path.Combine(CgroupRoot, c, CgroupName);
            Directory.CreateDirectory(dir);
            _cgroupDirs.Add(dir);
        }
        WriteSysfs(Cgroup("memory", "memory.limit_in_bytes"), Settings.DaemonMemoryBytes.ToString(CultureInfo.InvariantCulture));
        WriteSysfs(Cgroup("blkio", "blkio.throttle.read_iops_device"), $"{SlowMajMin} {Settings.SlowReadIops}");
        var rule = File.ReadAllText(Cgroup("blkio", "blkio.throttle.read_iops_device"));
        if (!rule.Contains($"{SlowMajMin} {Settings.SlowReadIops}", StringComparison.Ordinal))
            throw new Xunit.Sdk.XunitException($"blkio throttle rule did not stick: {Cgroup("blkio", "blkio.throttle.read_iops_device")} reads '{rule.Trim()}'");
    }

    /// <summary>
    /// Moves the running daemon into the memory and blkio cgroups (call again after <see cref="TestVolume.Start"/>
    /// or Remount). The pid of <c>tieredfs mount</c> is the daemon itself: the dotnet muxer hosts the runtime in
    /// process and the SIGINT perl shim of <see cref="DaemonProcess"/> execs.
    /// </summary>
    public void Confine()
    {
        var d = Volume.Daemon ?? throw new InvalidOperationException("the daemon is not running");
        var pid = d.Pid.ToString(CultureInfo.InvariantCulture);
        foreach (var c in new[] { "memory", "blkio" })
            WriteSysfs(Cgroup(c, "cgroup.procs"), pid);
        var membership = File.ReadAllText($"/proc/{pid}/cgroup");
        foreach (var c in new[] { "memory", "blkio" })
            if (!membership.Split('\n').Any(l => l.EndsWith($":{c}:/{CgroupName}", StringComparison.Ordinal)))
                throw new Xunit.Sdk.XunitException($"daemon {pid} is not in {c} cgroup /{CgroupName} after moving it:\n{membership}");
    }

    private string Cgroup(string controller, string file) => Path.Combine(CgroupRoot, controller, CgroupName, file);

    /// <summary>Reads the daemon's cgroup issued to the slow tier's device (blkio.throttle.io_serviced, after throttling).</summary>
    public long SlowDeviceReads()
    {
        try
        {
            foreach (var line in File.ReadAllLines(Cgroup("blkio", "blkio.throttle.io_serviced")))
            {
                var p = line.Split(' ');
                if (p.Length == 3 && p[0] == SlowMajMin && p[1] == "Read") return long.Parse(p[2], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    private string ReadCgroupValue(string controller, string file)
    {
        try
        {
            return File.ReadAllText(Cgroup(controller, file)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    /// <summary>Devices, cgroup counters (memory high-water mark, failcnt, OOM kills, throttled reads) for failure messages.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append($"fast tier '{FastTier}': ext4 on {FastDevice ?? "-"} ({Settings.FastDeviceBytes >> 20} MiB zram); ");
        sb.Append($"slow tier '{SlowTier}': ext4 on {SlowDevice ?? "-"} ({SlowMajMin}, direct-I/O loop over {SlowImage}), ");
        sb.Append($"daemon reads throttled to {Settings.SlowReadIops} IOPS in blkio/{CgroupName}\n");
        var oom = ReadCgroupValue("memory", "memory.oom_control").Replace('\n', ' ');
        sb.Append($"memory/{CgroupName}: limit {Settings.DaemonMemoryBytes >> 20} MiB, usage {ReadCgroupValue("memory", "memory.usage_in_bytes")}, ");
        sb.Append($"max usage {ReadCgroupValue("memory", "memory.max_usage_in_bytes")}, failcnt {ReadCgroupValue("memory", "memory.failcnt")}, oom_control [{oom}]\n");
        sb.Append($"reads the daemon issued to {SlowDevice}: {SlowDeviceReads()}");
        return sb.ToString();
    }

    public override string ToString() => Describe() + "\n" + Volume;

    // ---- teardown ---------------------------------------------------------------------------------------

    public void Dispose()
    {
        var problems = new List<string>();
        // Stops the daemon (SIGTERM, then SIGKILL), detaches the FUSE mount. It leaves the temp dir alone while
        // the tier file systems are still mounted below it; it is deleted at the end.
        Try(problems, "stopping the volume", Volume.Dispose);
        Try(problems, "emptying the cgroups", EmptyCgroups);
        for (var i = _mounted.Count - 1; i >= 0; i--)
        {
            var dir = _mounted[i];
            if (Unmount(dir)) _mounted.RemoveAt(i);
            else problems.Add($"could not unmount {dir}: {string.Join("; ", MountTable.At(dir))}");
        }
        if (SlowDevice != null && _mounted.Count == 0)
        {
            if (Retry(() => Run("losetup", "-d", SlowDevice), out var error)) SlowDevice = null;
            else problems.Add($"could not detach {SlowDevice}: {error}");
        }
        if (_zram is { } n && _mounted.Count == 0)
        {
            if (Retry(() => WriteSysfs(Path.Combine(ZramControl, "hot_remove"), n.ToString(CultureInfo.InvariantCulture)), out var error))
                _zram = null;
            else problems.Add($"could not remove /dev/zram{n}: {error}");
        }
        for (var i = _cgroupDirs.Count - 1; i >= 0; i--)
        {
            var dir = _cgroupDirs[i];
            if (Retry(() => Native.Rmdir(dir), out var error)) _cgroupDirs.RemoveAt(i);
            else problems.Add($"could not remove cgroup {dir}: {error}");
        }
        if (_mounted.Count == 0) TempRoot.Delete(Volume.BaseDir);
        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException("ThrottledTiers teardown left things behind:\n" + string.Join("\n", problems));
    }

    /// <summary>Only the daemon is ever put into these cgroups; anything still there after the volume stopped is killed.</summary>
    private void EmptyCgroups()
    {
        for (var round = 0; round < 50; round++)
        {
            var pids = _cgroupDirs
                .SelectMany(d => File.Exists(Path.Combine(d, "cgroup.procs")) ? File.ReadAllLines(Path.Combine(d, "cgroup.procs")) : [])
                .Where(l => l.Length > 0).Select(int.Parse).Distinct().ToList();
            if (pids.Count == 0) return;
            foreach (var pid in pids)
                Native.ErrnoOf(() => Native.Kill(pid, Native.SIGKILL));
            Thread.Sleep(100);
        }
        throw new Xunit.Sdk.XunitException($"processes stay in cgroup {CgroupName} after SIGKILL");
    }

    private static bool Unmount(string dir)
    {
        for (var i = 0; i < 20 && MountTable.At(dir).Any(); i++)
        {
            ProcessRunner.Run("umount", [dir], TimeSpan.FromSeconds(30));
            if (MountTable.At(dir).Any()) Thread.Sleep(250);
        }
        return !MountTable.At(dir).Any();
    }

    private static void Try(List<string> problems, string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            problems.Add($"{what}: {e.Message}");
        }
    }

    /// <summary>Up to 20 attempts 250 ms apart (a device or cgroup can stay busy for a moment after its last user).</summary>
    private static bool Retry(Action action, out string error)
    {
        error = "";
        for (var i = 0; i < 20; i++)
        {
            try
            {
                action();
                return true;
            }
            catch (Exception e)
            {
                error = e.Message;
                Thread.Sleep(250);
            }
        }
        return false;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /// <summary>One write(2) of the whole value, as sysfs and cgroupfs expect; errno in the exception.</summary>
    private static void WriteSysfs(string path, string value)
    {
        using var fd = Native.Open(path, Native.O_WRONLY);
        var bytes = Encoding.ASCII.GetBytes(value);
        var n = Native.Write(fd, bytes);
        if (n != bytes.Length) throw new IOException($"short write to {path}: {n} of {bytes.Length} bytes");
    }

    private static void WaitForNode(string device)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.Exists(device))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{device} did not appear within 10 s");
            Thread.Sleep(20);
        }
    }

    /// <summary>mkfs.ext4 without lazy init, so no ext4lazyinit thread writes inode tables during the test.</summary>
    private static void MakeExt4(string device) =>
        Run("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", device);

    private void MountExt4(string device, string dir)
    {
        Run("mount", "-t", "ext4", device, dir);
        _mounted.Add(dir);
        Native.Chmod(dir, 0x1ED);
    }

    private static ProcessResult Run(params string[] args)
    {
        var r = ProcessRunner.Run(args[0], args[1..], TimeSpan.FromSeconds(60));
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"setting up the throttled tiers failed: {r.Describe()}");
        return r;
    }
}
