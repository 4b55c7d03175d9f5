using System.Text.RegularExpressions;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// Bad configs: exit code 2, nothing mounted, and stderr names the problem as "FILE:LINE: KEY: message"
/// (tier index 1-based). Each case writes a config whose line numbers are known.
/// </summary>
public sealed class ConfigErrorTests : IDisposable
{
    private readonly string _dir = TempRoot.NewDir("config");
    private string Mnt => Path.Combine(_dir, "mnt");
    private string Tier(string name) => Path.Combine(_dir, "tiers", name);

    public ConfigErrorTests() => Directory.CreateDirectory(Mnt);

    public void Dispose()
    {
        // a daemon that wrongly mounted was killed by the runner; make sure nothing is left behind
        for (var i = 0; i < 3 && MountTable.At(Mnt).Any(); i++)
            ProcessRunner.Run("umount", ["-l", Mnt], TimeSpan.FromSeconds(10));
        TempRoot.Delete(_dir);
    }

    /// <summary>A valid two-tier config, as lines, that each case then breaks.</summary>
    private List<string> Valid() =>
    [
        "[volume]",                                 // 1
        "extent_size = \"1MiB\"",                   // 2
        "",                                         // 3
        "[[tier]]",                                 // 4
        "name = \"fast\"",                          // 5
        $"path = \"{Tier("fast")}\"",               // 6
        "capacity = \"8MiB\"",                      // 7
        "high_watermark = 0.90",                    // 8
        "low_watermark = 0.75",                     // 9
        "",                                         // 10
        "[[tier]]",                                 // 11
        "name = \"slow\"",                          // 12
        $"path = \"{Tier("slow")}\"",               // 13
        "capacity = \"64MiB\"",                     // 14
    ];

    private ProcessResult Mount(IEnumerable<string> lines, string configName = "config.toml")
    {
        var config = Path.Combine(_dir, configName);
        File.WriteAllText(config, string.Join('\n', lines) + "\n");
        return MountWithConfig(config);
    }

    private ProcessResult MountWithConfig(string config)
    {
        // Poll instead of waiting for exit: a daemon that accepts the bad config mounts and runs in the foreground,
        // which must fail fast rather than burn a long timeout per case.
        using var d = DaemonProcess.Start(["mount", "--config", config, Mnt]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!d.HasExited && DateTime.UtcNow < deadline && !MountTable.At(Mnt).Any()) Thread.Sleep(50);
        var mounted = MountTable.At(Mnt).Any();
        var stillRunning = !d.HasExited && !d.WaitForExit(TimeSpan.FromSeconds(mounted ? 0.5 : 0));
        if (stillRunning)
        {
            d.Signal(Native.SIGTERM);
            if (!d.WaitForExit(TestVolume.StopTimeout)) d.Signal(Native.SIGKILL);
            d.WaitForExit(TimeSpan.FromSeconds(5));
        }
        else
        {
            d.WaitForExit(TimeSpan.FromSeconds(5)); // drain output
        }
        var r = new ProcessResult(d.CommandLine, stillRunning ? -1 : d.ExitCode ?? -1, d.Stdout, d.Stderr, stillRunning);
        Assert.False(mounted, $"something was mounted at {Mnt} despite the config error. {r.Describe()}");
        Assert.False(stillRunning, $"the daemon accepted a bad config and kept running. {r.Describe()}");
        Assert.True(r.ExitCode == 2, $"expected exit code 2 for a config error. {r.Describe()}");
        return r;
    }

    /// <summary>stderr has "config.toml:LINE: KEY: message" for one of <paramref name="keys"/> (line null = any).</summary>
    private static void AssertDiagnostic(ProcessResult r, int? line, params string[] keys)
    {
        var lineRe = line?.ToString() ?? @"\d+";
        var keyRe = string.Join('|', keys.Select(Regex.Escape));
        var re = new Regex($@"config\.toml:{lineRe}: ({keyRe}): \S");
        Assert.True(re.IsMatch(r.Stderr),
            $"stderr should contain 'config.toml:{line?.ToString() ?? "<line>"}: {string.Join(" or ", keys)}: <message>'. {r.Describe()}");
    }

    private static List<string> With(List<string> lines, int lineNo, string replacement)
    {
        lines[lineNo - 1] = replacement;
        return lines;
    }

    [Fact]
    public void ValidConfig_Mounts() // control: proves the other cases fail because of the one thing they break
    {
        var config = Path.Combine(_dir, "config.toml");
        File.WriteAllText(config, string.Join('\n', Valid()) + "\n");
        var d = DaemonProcess.Start(["mount", "--config", config, Mnt]);
        try
        {
            var deadline = DateTime.UtcNow + TestVolume.MountTimeout;
            while (DateTime.UtcNow < deadline && !d.HasExited && !MountTable.IsTieredFsMounted(Mnt)) Thread.Sleep(50);
            Assert.True(MountTable.IsTieredFsMounted(Mnt), $"the valid control config did not mount.\n{d.Describe()}");
        }
        finally
        {
            d.Signal(Native.SIGTERM);
            d.WaitForExit(TestVolume.StopTimeout);
            d.Dispose();
        }
    }

    [Theory]
    [InlineData("\"3MiB\"")]     // not a power of two
    [InlineData("\"32KiB\"")]    // below 64 KiB
    [InlineData("\"128MiB\"")]   // above 64 MiB
    [InlineData("\"1 furlong\"")] // not a size
    [InlineData("-5")]           // wrong type
    public void BadExtentSize(string value)
    {
        var r = Mount(With(Valid(), 2, $"extent_size = {value}"));
        AssertDiagnostic(r, 2, "volume.extent_size");
    }

    [Fact]
    public void BadCapacity_OnSecondTier_NamesTier2()
    {
        var r = Mount(With(Valid(), 14, "capacity = \"lots\""));
        AssertDiagnostic(r, 14, "tier[2].capacity");
    }

    [Fact]
    public void UnknownKey_InVolume()
    {
        var r = Mount(With(Valid(), 3, "extnt_size = \"1MiB\""));
        AssertDiagnostic(r, 3, "volume.extnt_size");
    }

    [Fact]
    public void UnknownKey_InTier()
    {
        var r = Mount(With(Valid(), 10, "speed = \"ludicrous\""));
        AssertDiagnostic(r, 10, "tier[1].speed");
    }

    [Fact]
    public void MissingTierPath()
    {
        // Line of a missing key is not pinned by the contract (the [[tier]] header at 4 is the natural choice).
        var r = Mount(With(Valid(), 6, ""));
        AssertDiagnostic(r, null, "tier[1].path");
    }

    [Fact]
    public void MissingTierName()
    {
        var r = Mount(With(Valid(), 12, ""));
        AssertDiagnostic(r, null, "tier[2].name");
    }

    [Fact]
    public void WatermarksOutOfOrder()
    {
        var lines = With(Valid(), 8, "high_watermark = 0.50");
        lines = With(lines, 9, "low_watermark = 0.80");
        var r = Mount(lines);
        // Either key may be blamed; the line must be the blamed key's line.
        var lineOk = new Regex(@"config\.toml:(8: tier\[1\]\.high_watermark|9: tier\[1\]\.low_watermark): \S").IsMatch(r.Stderr);
        Assert.True(lineOk, $"expected 'config.toml:8: tier[1].high_watermark: ...' or 'config.toml:9: tier[1].low_watermark: ...'. {r.Describe()}");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void WatermarkOutOfRange(string value)
    {
        var r = Mount(With(Valid(), 8, $"high_watermark = {value}"));
        AssertDiagnostic(r, 8, "tier[1].high_watermark");
    }

    [Fact]
    public void DuplicateTierNames()
    {
        var r = Mount(With(Valid(), 12, "name = \"fast\""));
        AssertDiagnostic(r, 12, "tier[2].name");
    }

    [Fact]
    public void NoTiers()
    {
        var r = Mount(Valid().Take(3));
        Assert.Contains("config.toml:", r.Stderr);
        Assert.Contains("tier", r.Stderr);
    }

    [Fact]
    public void TomlSyntaxError_ReportsLine()
    {
        var r = Mount(With(Valid(), 7, "capacity = \"8MiB"));
        Assert.True(Regex.IsMatch(r.Stderr, @"config\.toml:7:"), $"expected 'config.toml:7:' in stderr. {r.Describe()}");
    }

    [Fact]
    public void MissingConfigFile()
    {
        var missing = Path.Combine(_dir, "nope.toml");
        var r = MountWithConfig(missing);
        Assert.Contains("nope.toml", r.Stderr);
    }
}
