using System.Text.Json.Nodes;
using TieredFs.Daemon.Cli;
using TieredFs.Service.Tests.Infrastructure;

namespace TieredFs.Service.Tests;

/// <summary>status, pin, unpin and inspect over the control socket of a real mount.</summary>
public sealed class ControlSocketTests : IDisposable
{
    private readonly TestVolume _volume = new TestVolume().Start();

    public void Dispose() => _volume.Dispose();

    [Fact]
    public void SocketIsRootOnly()
    {
        var mode = File.GetUnixFileMode(_volume.ControlSocket);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void StatusDescribesTiersVolumeAndAgents()
    {
        _volume.WriteFile("a", extents: 20);
        var status = _volume.Status();

        Assert.Equal(_volume.MountPoint, (string?)status["mountpoint"]);
        Assert.Equal(_volume.ConfigPath, (string?)status["config"]);
        var fast = _volume.TierStatus("fast");
        Assert.Equal(1L << 20, (long)fast["capacity_bytes"]!);
        Assert.Equal(0.9, (double)fast["high_watermark"]!);
        // Static placement fills the fast tier to its high watermark (14 of 16 extents), then spills.
        Assert.Equal(14, (long)fast["extents"]!);
        Assert.Equal(6, (long)_volume.TierStatus("slow")["extents"]!);
        Assert.Equal(14, (long)fast["write"]!["ops_total"]!);
        Assert.True((double)fast["write"]!["iops"]! > 0);
        Assert.True((double)fast["write"]!["mean_latency_us"]! > 0);
        Assert.True((double)fast["write"]!["p99_latency_us"]! >= (double)fast["write"]!["mean_latency_us"]! / 2);

        var volume = status["volume"]!.AsObject();
        Assert.Equal(20, (long)volume["extents"]!);
        Assert.False((bool)volume["migrations"]!["enabled"]!); // static placement does not migrate
        Assert.Equal(0, (long)volume["migrations"]!["done"]!);

        var agent = status["agents"]![0]!.AsObject();
        Assert.Equal("static", (string?)agent["policy"]);
        Assert.Equal(20, (long)agent["decisions"]!);
        Assert.True((long)status["fuse_requests"]!["write"]! >= 1);
    }

    [Fact]
    public void PinSendsNewExtentsToTheTierAndUnpinReleasesIt()
    {
        _volume.WriteFile("pinned", extents: 0);
        string path = Path.Combine(_volume.MountPoint, "pinned");

        var pin = _volume.Control(new JsonObject { ["command"] = "pin", ["path"] = path, ["tier"] = "slow" });
        Assert.True((bool?)pin["ok"], pin.ToJsonString());
        _volume.WriteFile("pinned", extents: 3);

        var inspect = _volume.Control(new JsonObject { ["command"] = "inspect", ["path"] = path });
        Assert.Equal("slow", (string?)inspect["pinned_tier"]);
        Assert.Equal(["slow", "slow", "slow"], inspect["extents"]!.AsArray().Select(e => (string)e!["tier"]!));
        Assert.Equal(3, (long)_volume.Status()["agents"]![0]!["pinned_decisions"]!);

        var unpin = _volume.Control(new JsonObject { ["command"] = "unpin", ["path"] = path });
        Assert.True((bool?)unpin["was_pinned"]);
        _volume.WriteFile("pinned", extents: 1);
        inspect = _volume.Control(new JsonObject { ["command"] = "inspect", ["path"] = path });
        Assert.Null((string?)inspect["pinned_tier"]);
        Assert.Equal("fast", (string?)inspect["extents"]![3]!["tier"]);
    }

    [Fact]
    public void PinRefusesUnknownTiersAndPathsOffTheVolume()
    {
        _volume.WriteFile("f", extents: 1);
        var unknown = _volume.Control(new JsonObject { ["command"] = "pin", ["path"] = Path.Combine(_volume.MountPoint, "f"), ["tier"] = "tape" });
        Assert.False((bool?)unknown["ok"]);
        Assert.Contains("unknown tier \"tape\" (tiers: fast, slow)", (string?)unknown["error"]);

        var outside = _volume.Control(new JsonObject { ["command"] = "pin", ["path"] = "/etc/passwd", ["tier"] = "slow" });
        Assert.False((bool?)outside["ok"]);
        Assert.Contains("not on the volume", (string?)outside["error"]);

        var bogus = _volume.Control(new JsonObject { ["command"] = "frobnicate" });
        Assert.Contains("unknown command", (string?)bogus["error"]);
    }

    [Fact]
    public void PinsSurviveARestart()
    {
        _volume.WriteFile("keep", extents: 0);
        string path = Path.Combine(_volume.MountPoint, "keep");
        Assert.True((bool?)_volume.Control(new JsonObject { ["command"] = "pin", ["path"] = path, ["tier"] = "slow" })["ok"]);
        Assert.Equal(0, _volume.Stop());

        _volume.Start();
        Assert.Equal(1, (long)_volume.Status()["volume"]!["pinned_files"]!);
        _volume.WriteFile("keep", extents: 2);
        var inspect = _volume.Control(new JsonObject { ["command"] = "inspect", ["path"] = path });
        Assert.Equal(["slow", "slow"], inspect["extents"]!.AsArray().Select(e => (string)e!["tier"]!));
    }

    [Fact]
    public void CliStatusFindsTheDaemonThroughTheRegistry()
    {
        Environment.SetEnvironmentVariable("TIEREDFS_RUN_DIR", _volume.RunDir);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int rc = StatusCommand.Run(_volume.MountPoint, socket: null, json: false, stdout, stderr);
            Assert.True(rc == 0, stderr.ToString());
            Assert.Contains("fast", stdout.ToString());
            Assert.Contains("migrations: off", stdout.ToString());
            Assert.Contains("agent placement: policy static", stdout.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("TIEREDFS_RUN_DIR", null);
        }
    }

    [Fact]
    public void ASecondDaemonForTheSameVolumeIsRefused()
    {
        var second = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { RepoPaths.DaemonDll, "mount", "--config", _volume.ConfigPath, Path.Combine(_volume.Root, "fast") })
            second.ArgumentList.Add(arg);
        second.Environment["TIEREDFS_RUN_DIR"] = _volume.RunDir;
        using var p = System.Diagnostics.Process.Start(second)!;
        string err = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(20_000));
        // An explicitly configured socket that is taken refuses the mount before the volume opens
        // (with a default socket name, the volume's metadata lock refuses it instead).
        Assert.Equal(1, p.ExitCode);
        Assert.Contains("another tieredfs daemon is serving the control socket", err);
        Assert.True((bool?)_volume.Control(new JsonObject { ["command"] = "status" })["ok"]);
    }
}
