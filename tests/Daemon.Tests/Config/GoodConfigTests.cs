using TieredFs.Daemon.Config;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Tests.Config;

public class GoodConfigTests
{
    private const string Full = """
        [volume]
        extent_size = "4MiB"
        metadata_dir = "/var/lib/tieredfs/meta/"
        allow_other = true
        writeback_cache = true
        threads = 8

        [[tier]]
        name = "nvme"
        path = "/mnt/nvme/tieredfs/"
        capacity = "200GiB"
        high_watermark = 0.85
        low_watermark = 0.6

        [[tier]]
        name = "ssd_2"
        path = "/mnt/ssd//x/../tieredfs"
        capacity = 1099511627776

        [[tier]]
        name = "HDD-archive"
        path = "/mnt/hdd/tieredfs"
        high_watermark = 1

        [service]
        mountpoint = "/srv/media/"
        control_socket = "/run/tieredfs/media.sock"
        metrics_listen = "127.0.0.1:9567"
        log_level = "Debug"
        log_file = "/var/log/tieredfs/media.log"
        """;

    [Fact]
    public void FullFileParsesToExpectedValues()
    {
        var cfg = Toml.Parse(Full);

        Assert.Equal(4L << 20, cfg.Volume.ExtentSize);
        Assert.Equal("/var/lib/tieredfs/meta", cfg.Volume.MetadataDir);
        Assert.Equal(new MountSettings(AllowOther: true, WritebackCache: true, Threads: 8), cfg.Mount);
        Assert.Equal(new ServiceSettings("/run/tieredfs/media.sock", "127.0.0.1:9567", "debug", "/srv/media", "/var/log/tieredfs/media.log"), cfg.Service);
        Assert.Equal(Toml.Source, cfg.SourcePath);

        Assert.Equal(
            [
                new TierOptions("nvme", "/mnt/nvme/tieredfs", 200L << 30, 0.85, 0.6),
                new TierOptions("ssd_2", "/mnt/ssd/tieredfs", 1L << 40, 0.90, 0.75),
                new TierOptions("HDD-archive", "/mnt/hdd/tieredfs", null, 1.0, 0.75),
            ],
            cfg.Volume.Tiers);
    }

    [Fact]
    public void MinimalFileGetsDefaults()
    {
        var cfg = Toml.Parse(Toml.TwoTiers);

        Assert.Equal(VolumeOptions.DefaultExtentSize, cfg.Volume.ExtentSize);
        Assert.Equal("/mnt/nvme/tieredfs/meta", cfg.Volume.MetadataDir);
        Assert.Equal(new MountSettings(false, false, 0), cfg.Mount);
        Assert.Equal(new ServiceSettings(null, null, "information"), cfg.Service);
        Assert.All(cfg.Volume.Tiers, t => Assert.Null(t.CapacityBytes));
        Assert.All(cfg.Volume.Tiers, t => Assert.Equal((0.90, 0.75), (t.HighWatermark, t.LowWatermark)));
        Assert.Equal(["nvme", "hdd"], cfg.Volume.Tiers.Select(t => t.Name));
    }

    [Fact]
    public void SingleTierIsAllowed()
    {
        var cfg = Toml.Parse("""
            [[tier]]
            name = "only"
            path = "/srv/only"
            """);
        Assert.Single(cfg.Volume.Tiers);
    }

    [Theory]
    [InlineData("\"64KiB\"", 64L << 10)]
    [InlineData("\"64MiB\"", 64L << 20)]
    [InlineData("131072", 128L << 10)]
    [InlineData("\"2m\"", 2L << 20)]
    public void ExtentSizeBoundsAndForms(string value, long expected)
    {
        var cfg = Toml.Parse($"[volume]\nextent_size = {value}\n{Toml.TwoTiers}");
        Assert.Equal(expected, cfg.Volume.ExtentSize);
    }

    [Fact]
    public void MetadataInsideTierIsAllowed()
    {
        var cfg = Toml.Parse($"[volume]\nmetadata_dir = \"/mnt/hdd/tieredfs/m\"\n{Toml.TwoTiers}");
        Assert.Equal("/mnt/hdd/tieredfs/m", cfg.Volume.MetadataDir);
    }

    [Fact]
    public void CommentsQuotedKeysAndTableOrderDoNotMatter()
    {
        var cfg = Toml.Parse($$"""
            # service first, volume last
            [service]
            "log_level" = 'warning' # literal string

            {{Toml.TwoTiers}}

            [volume]
            threads = 2
            """);
        Assert.Equal("warning", cfg.Service.LogLevel);
        Assert.Equal(2, cfg.Mount.Threads);
    }

    [Fact]
    public void LoadFileReadsRealFile()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("media.toml", Full);

        var cfg = ConfigLoader.LoadFile(file);

        Assert.Equal(file, cfg.SourcePath);
        Assert.Equal(3, cfg.Volume.Tiers.Count);
    }
}
