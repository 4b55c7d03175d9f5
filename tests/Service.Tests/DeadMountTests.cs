using System.Diagnostics;
using System.Text.Json.Nodes;
using TieredFs.Service.Tests.Infrastructure;

namespace TieredFs.Service.Tests;

/// <summary>
/// A daemon killed outright (OOM killer, SIGKILL, watchdog) leaves a dead mount. The unit's
/// ExecStopPost (`unmount --dead-only`) and a restarted daemon must both take it back.
/// </summary>
public sealed class DeadMountTests : IDisposable
{
    private readonly TestVolume _volume = new TestVolume().Start();

    public void Dispose() => _volume.Dispose();

    [Fact]
    public void DeadOnlyUnmountDetachesADeadMountAndLeavesALiveOneAlone()
    {
        // Live: --dead-only does nothing and succeeds.
        Assert.Equal(0, Tieredfs("unmount", "--dead-only", "--config", _volume.ConfigPath));
        Assert.True(Posix.IsMounted(_volume.MountPoint));
        Assert.True((bool?)_volume.Control(new JsonObject { ["command"] = "status" })["ok"]);

        KillHard();
        Assert.True(Posix.IsMounted(_volume.MountPoint));
        var e = Assert.ThrowsAny<IOException>(() => Directory.GetFiles(_volume.MountPoint));
        Assert.Contains("not connected", e.Message);

        Assert.Equal(0, Tieredfs("unmount", "--dead-only", "--config", _volume.ConfigPath));
        Assert.False(Posix.IsMounted(_volume.MountPoint));
    }

    [Fact]
    public void ARestartAfterACrashTakesTheMountpointBack()
    {
        _volume.WriteFile("survivor", extents: 2);
        KillHard();

        _volume.Start();
        Assert.Contains("Detached a dead mount", _volume.WaitForLog("Detached a dead mount"));
        Assert.Equal(2 * 65536, new FileInfo(Path.Combine(_volume.MountPoint, "survivor")).Length);
        // The stale control socket of the dead daemon was replaced by the new one.
        Assert.Equal(_volume.Process!.Id, (int)_volume.Status()["pid"]!);
    }

    private void KillHard()
    {
        _volume.Process!.Kill();
        _volume.Process.WaitForExit();
    }

    private int Tieredfs(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(RepoPaths.DaemonDll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(20_000));
        return p.ExitCode;
    }
}
