using System.Diagnostics;
using TieredFs.Daemon.Tests.Config;

namespace TieredFs.Daemon.Tests.Cli;

/// <summary>
/// The built `tieredfs` (dotnet tieredfs.dll, copied here by the project reference) on a config
/// whose tier names a mount: one line on stderr, exit code 2, no stack trace, nothing mounted or
/// created; and the drop-in line on success.
/// </summary>
public sealed class CheckConfigCliTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private TmpfsMount? _disk;

    public void Dispose()
    {
        _disk?.Dispose();
        _tmp.Dispose();
    }

    private string WriteConfig(string disk) => _tmp.WriteFile("media.toml", $"""
        [[tier]]
        name = "fast"
        path = "{_tmp.Combine("fast")}"

        [[tier]]
        name = "hdd"
        path = "{Path.Join(disk, "tieredfs")}"
        mount = "{disk}"
        """);

    [Fact]
    public void CheckConfigRefusesAnUnmountedDisk()
    {
        var disk = _tmp.Combine("hdd");
        Directory.CreateDirectory(disk);
        var config = WriteConfig(disk);

        var (exit, stdout, stderr) = Tieredfs("check-config", config);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(
            $"tieredfs: {config}: tier[2].mount: {disk}: is not a mountpoint (is the disk mounted?); " +
            $"refusing to put tier \"hdd\" on the filesystem underneath, mounted at {Underneath(disk)}\n",
            stderr);
    }

    [Fact]
    public void CheckConfigRefusesATierPathOffItsMount()
    {
        _disk = new TmpfsMount(_tmp.Combine("hdd"));
        var config = _tmp.WriteFile("media.toml", $"""
            [[tier]]
            name = "hdd"
            path = "{_tmp.Combine("not-on-disk")}"
            mount = "{_disk.Path}"
            """);

        var (exit, stdout, stderr) = Tieredfs("check-config", config);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"tieredfs: {config}: tier[1].path: {_tmp.Combine("not-on-disk")}: is not on the filesystem mounted at {_disk.Path}", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void CheckConfigAcceptsAMountedDiskAndPrintsTheDropInLine()
    {
        _disk = new TmpfsMount(_tmp.Combine("hdd"));
        var config = WriteConfig(_disk.Path);

        var (exit, stdout, stderr) = Tieredfs("check-config", config);

        Assert.True(exit == 0, stderr);
        Assert.Equal(
            $"{config}: ok (2 tiers, extent size 1048576)\n" +
            $"systemd: RequiresMountsFor={_tmp.Combine("fast")} {_disk.Path}\n",
            stdout);
        Assert.False(Directory.Exists(Path.Join(_disk.Path, "tieredfs")), "check-config creates nothing");
    }

    [Fact]
    public void DaemonRefusesToStartOnAnUnmountedDiskAndCreatesNothing()
    {
        var disk = _tmp.Combine("hdd");
        Directory.CreateDirectory(disk);
        var config = WriteConfig(disk);
        // A mountpoint that does not exist: should the check ever pass, the daemon still stops before mounting.
        var mountPoint = _tmp.Combine("no-mountpoint");

        var (exit, stdout, stderr) = Tieredfs("mount", "--config", config, mountPoint);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"tieredfs: {config}: tier[2].mount: {disk}: is not a mountpoint", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk));
        Assert.False(Directory.Exists(_tmp.Combine("fast")));
    }

    /// <summary>Where the temp dir's own filesystem is mounted (usually "/"), as the message names it.</summary>
    private static string Underneath(string dir) =>
        TieredFs.Daemon.Config.MountTable.Containing(dir, TieredFs.Daemon.Config.MountTable.Read());

    private static (int Exit, string Stdout, string Stderr) Tieredfs(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tieredfs.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(30_000), "tieredfs did not exit within 30 s");
        return (p.ExitCode, stdout, stderr.Result);
    }
}
