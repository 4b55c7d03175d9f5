using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>Parsing the `mount` and `metadata_mount` keys (spelling only; nothing is looked up).</summary>
public class MountKeyTests
{
    [Fact]
    public void TierMountsAreReadBesideTheTiersAndNormalized()
    {
        var cfg = Toml.Parse("""
            [[tier]]
            name = "nvme"
            path = "/mnt/nvme/tieredfs"
            [[tier]]
            name = "hdd"
            path = "/mnt/hdd/tieredfs"
            mount = "/mnt//hdd/"
            """);

        Assert.Equal([null, "/mnt/hdd"], cfg.RequiredMounts.Tiers);
        Assert.Null(cfg.RequiredMounts.OfTier(0));
        Assert.Equal("/mnt/hdd", cfg.RequiredMounts.OfTier(1));
        Assert.Null(cfg.RequiredMounts.MetadataDir);
    }

    [Fact]
    public void MetadataMountIsRead()
    {
        var cfg = Toml.Parse($"""
            [volume]
            metadata_dir = "/mnt/nvme/meta"
            metadata_mount = "/mnt/nvme"
            {Toml.TwoTiers}
            """);

        Assert.Equal("/mnt/nvme", cfg.RequiredMounts.MetadataDir);
        Assert.Equal([null, null], cfg.RequiredMounts.Tiers);
    }

    [Fact]
    public void RootIsAcceptedAsAMount()
    {
        // "This tier lives on the root filesystem and nowhere else" is a fair demand, unlike a tier path of "/".
        var cfg = Toml.Parse("[[tier]]\nname = \"a\"\npath = \"/srv/a\"\nmount = \"/\"\n");

        Assert.Equal("/", cfg.RequiredMounts.OfTier(0));
    }

    [Theory]
    [InlineData("\"mnt/hdd\"", "\"mnt/hdd\" is not an absolute path")]
    [InlineData("\"\"", "must not be empty")]
    [InlineData("1", "expected a string, got integer")]
    public void BadTierMountNamesKeyAndLine(string value, string detail)
    {
        var text = $"{Toml.TwoTiers}\nmount = {value}\n";

        var ex = Toml.Fails(text);

        Assert.Equal("tier[2].mount", ex.Key);
        Assert.Equal(Toml.LineOf(text, "mount ="), ex.Line);
        Assert.Equal(detail, ex.Detail);
    }

    [Fact]
    public void BadMetadataMountNamesKeyAndLine()
    {
        var text = $"[volume]\nmetadata_mount = \"relative\"\n{Toml.TwoTiers}";

        var ex = Toml.Fails(text);

        Assert.Equal("volume.metadata_mount", ex.Key);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void UnknownKeyMessageListsMount()
    {
        var ex = Toml.Fails($"{Toml.TwoTiers}\nmountpoint = \"/mnt/hdd\"\n");

        Assert.Equal("tier[2].mountpoint", ex.Key);
        Assert.Contains("allowed in [[tier]]: name, path, mount,", ex.Detail);
    }

    [Fact]
    public void EmbeddedDefaultNamesNoMounts()
    {
        var cfg = EmbeddedDefault.Load();

        Assert.All(cfg.Volume.Tiers.Select((_, i) => cfg.RequiredMounts.OfTier(i)), Assert.Null);
        Assert.Null(cfg.RequiredMounts.MetadataDir);
    }

    [Fact]
    public void ShippedExampleNamesEachTiersDisk()
    {
        var cfg = ConfigLoader.LoadFile(RepoFile("deploy", "example.toml"));

        Assert.Equal(["/mnt/nvme", "/mnt/hdd"], cfg.RequiredMounts.Tiers);
    }

    private static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Join([dir.FullName, .. parts]);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"{Path.Join(parts)} not found above {AppContext.BaseDirectory}");
    }
}
