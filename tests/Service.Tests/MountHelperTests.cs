using System.Diagnostics;
using TieredFs.Service.Tests.Infrastructure;

namespace TieredFs.Service.Tests;

/// <summary>
/// deploy/mount.fuse.tieredfs as mount(8) runs it for an fstab line: it must return only once the
/// mount is there, leave the daemon running in the background, and fail clearly otherwise.
/// </summary>
public sealed class MountHelperTests : IDisposable
{
    private readonly TestVolume _volume = new();
    private readonly string _wrapper;

    public MountHelperTests()
    {
        // The helper runs $TIEREDFS; point it at the daemon built for these tests.
        _wrapper = Path.Combine(_volume.Root, "tieredfs");
        File.WriteAllText(_wrapper, $"#!/bin/sh\nexec dotnet {RepoPaths.DaemonDll} \"$@\"\n");
        File.SetUnixFileMode(_wrapper, (UnixFileMode)0b111_101_101);
    }

    public void Dispose()
    {
        if (Posix.IsMounted(_volume.MountPoint))
        {
            // Unmounting ends the background daemon cleanly.
            Run("dotnet", RepoPaths.DaemonDll, "unmount", _volume.MountPoint);
            for (int i = 0; i < 100 && Posix.IsMounted(_volume.MountPoint); i++)
                Thread.Sleep(50);
        }
        _volume.Dispose();
    }

    [Fact]
    public void FstabStyleSourceMountsInTheBackground()
    {
        var (rc, output) = Run(RepoPaths.Deploy("mount.fuse.tieredfs"), "tieredfs#" + _volume.ConfigPath, _volume.MountPoint, "-o", "rw,nofail,_netdev");
        Assert.True(rc == 0, output);
        Assert.True(Posix.IsMounted(_volume.MountPoint));

        File.WriteAllText(Path.Combine(_volume.MountPoint, "x"), "hello");
        Assert.Equal("hello", File.ReadAllText(Path.Combine(_volume.MountPoint, "x")));
        // The helper returns once the mount answers; the daemon registers itself just after.
        string registry = Path.Combine(_volume.RunDir, "mounts", Daemon.Service.MountRegistry.Escape(_volume.MountPoint));
        for (int i = 0; i < 200 && !File.Exists(registry); i++)
            Thread.Sleep(50);
        Assert.True(File.Exists(registry));
        // The daemon's output went to the helper's log file (no journald here).
        string log = Path.Combine(_volume.Root, "log", "vol.log");
        for (int i = 0; i < 100 && !File.ReadAllText(log).Contains("Mounted"); i++)
            Thread.Sleep(50);
        Assert.Contains("Mounted", File.ReadAllText(log));
    }

    [Fact]
    public void ADaemonThatFailsMakesTheHelperFail()
    {
        File.WriteAllText(_volume.ConfigPath, "[volume]\nextent_size = 3\n");
        var sw = Stopwatch.StartNew();
        var (rc, output) = Run(RepoPaths.Deploy("mount.fuse.tieredfs"), _volume.ConfigPath, _volume.MountPoint);
        Assert.Equal(32, rc);
        Assert.Contains("the daemon exited (status 2)", output);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20));
        Assert.False(Posix.IsMounted(_volume.MountPoint));
    }

    private (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["TIEREDFS"] = _wrapper;
        psi.Environment["TIEREDFS_RUN_DIR"] = _volume.RunDir;
        psi.Environment["TIEREDFS_LOG_DIR"] = Path.Combine(_volume.Root, "log");
        psi.Environment["TIEREDFS_MOUNT_TIMEOUT"] = "30";
        using var p = Process.Start(psi)!;
        // Read stdout/stderr without waiting for the background daemon, which keeps no handle on them.
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000));
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
