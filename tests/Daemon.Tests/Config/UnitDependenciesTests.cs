using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>The RequiresMountsFor= line `check-config` prints for a systemd drop-in.</summary>
public class UnitDependenciesTests
{
    [Fact]
    public void ListsEachTiersMountOrElseItsPathAndSkipsMetadataInsideATier()
    {
        var cfg = Toml.Parse("""
            [[tier]]
            name = "nvme"
            path = "/mnt/nvme/tieredfs"
            [[tier]]
            name = "hdd"
            path = "/mnt/hdd/tieredfs"
            mount = "/mnt/hdd"
            """);

        Assert.Equal("RequiresMountsFor=/mnt/nvme/tieredfs /mnt/hdd", UnitDependencies.RequiresMountsFor(cfg));
    }

    [Fact]
    public void MetadataElsewhereIsListedByItsMountOrDirectory()
    {
        var withMount = Toml.Parse($"[volume]\nmetadata_dir = \"/mnt/meta/db\"\nmetadata_mount = \"/mnt/meta\"\n{Toml.TwoTiers}");
        var withoutMount = Toml.Parse($"[volume]\nmetadata_dir = \"/var/lib/tfs\"\n{Toml.TwoTiers}");

        Assert.Equal("RequiresMountsFor=/mnt/nvme/tieredfs /mnt/hdd/tieredfs /mnt/meta", UnitDependencies.RequiresMountsFor(withMount));
        Assert.Equal("RequiresMountsFor=/mnt/nvme/tieredfs /mnt/hdd/tieredfs /var/lib/tfs", UnitDependencies.RequiresMountsFor(withoutMount));
    }

    [Fact]
    public void TiersOnOneDiskNameItOnce()
    {
        var cfg = Toml.Parse("""
            [[tier]]
            name = "a"
            path = "/mnt/d/a"
            mount = "/mnt/d"
            [[tier]]
            name = "b"
            path = "/mnt/d/b"
            mount = "/mnt/d"
            """);

        Assert.Equal("RequiresMountsFor=/mnt/d", UnitDependencies.RequiresMountsFor(cfg));
    }

    [Fact]
    public void SpacesAreQuotedAndPercentSignsDoubled()
    {
        var cfg = Toml.Parse("""
            [[tier]]
            name = "a"
            path = "/mnt/my disk/t"
            [[tier]]
            name = "b"
            path = "/mnt/100%/t"
            """);

        Assert.Equal("RequiresMountsFor=\"/mnt/my disk/t\" /mnt/100%%/t", UnitDependencies.RequiresMountsFor(cfg));
    }
}
