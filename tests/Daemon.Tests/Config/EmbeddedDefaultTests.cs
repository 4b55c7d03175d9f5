using TieredFs.Daemon.Config;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Tests.Config;

public class EmbeddedDefaultTests
{
    [Fact]
    public void ParsesToTwoTiersWithMetadataUnderFast()
    {
        var cfg = EmbeddedDefault.Load();

        Assert.Null(cfg.SourcePath);
        Assert.Equal(VolumeOptions.DefaultExtentSize, cfg.Volume.ExtentSize);
        Assert.Equal("/var/lib/tieredfs/tiers/fast/meta", cfg.Volume.MetadataDir);
        Assert.Equal(
            [new TierOptions("fast", "/var/lib/tieredfs/tiers/fast"), new TierOptions("slow", "/var/lib/tieredfs/tiers/slow")],
            cfg.Volume.Tiers);
        Assert.Equal(new MountSettings(false, false, 0), cfg.Mount);
        Assert.Equal(new ServiceSettings(null, null, "information"), cfg.Service);
    }

    [Fact]
    public void IsTheSameTextTheFileLoaderAccepts()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("default.toml", EmbeddedDefault.Toml);

        var fromFile = ConfigLoader.LoadFile(file);

        var embedded = EmbeddedDefault.Load();
        Assert.Equal(embedded.Volume.Tiers, fromFile.Volume.Tiers);
        Assert.Equal((embedded.Volume.ExtentSize, embedded.Volume.MetadataDir), (fromFile.Volume.ExtentSize, fromFile.Volume.MetadataDir));
        Assert.Equal((embedded.Mount, embedded.Service), (fromFile.Mount, fromFile.Service));
    }
}
