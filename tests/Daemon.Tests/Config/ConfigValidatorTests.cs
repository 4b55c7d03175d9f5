using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>Filesystem checks against real temporary directories.</summary>
public class ConfigValidatorTests
{
    private static DaemonConfig Config(string fast, string slow, string? metadata = null)
    {
        var meta = metadata is null ? "" : $"metadata_dir = \"{metadata}\"\n";
        return Toml.Parse($"""
            [volume]
            {meta}
            [[tier]]
            name = "fast"
            path = "{fast}"
            [[tier]]
            name = "slow"
            path = "{slow}"
            """);
    }

    [Fact]
    public void CreateMissingCreatesTierAndMetadataDirsWithParents()
    {
        using var tmp = new TempDir();
        var cfg = Config(tmp.Combine("a", "b", "fast"), tmp.Combine("c", "slow"));

        ConfigValidator.CheckPaths(cfg, createMissing: true);

        Assert.True(Directory.Exists(tmp.Combine("a", "b", "fast")));
        Assert.True(Directory.Exists(tmp.Combine("a", "b", "fast", "meta")));
        Assert.True(Directory.Exists(tmp.Combine("c", "slow")));
    }

    [Fact]
    public void WithoutCreateMissingOnlyChecksAndCreatesNothing()
    {
        using var tmp = new TempDir();
        var cfg = Config(tmp.Combine("fast"), tmp.Combine("slow"));

        // The tier dirs do not exist but their parent does; metadata would go inside the
        // not-yet-created fast tier. All of that can be created, so it passes.
        ConfigValidator.CheckPaths(cfg, createMissing: false);

        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Path));
    }

    [Fact]
    public void ExistingDirectoriesPass()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("fast", "meta"));
        Directory.CreateDirectory(tmp.Combine("slow"));

        ConfigValidator.CheckPaths(Config(tmp.Combine("fast"), tmp.Combine("slow")), createMissing: false);
    }

    [Fact]
    public void MissingParentIsReportedWithKeyAndPath()
    {
        using var tmp = new TempDir();
        var slow = tmp.Combine("nonexistent", "x");
        var cfg = Config(tmp.Combine("fast"), slow);

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.Equal(Toml.Source, ex.SourceName);
        Assert.Equal($"{slow}: parent directory does not exist", ex.Detail);
        Assert.Equal($"{Toml.Source}: tier[2].path: {slow}: parent directory does not exist", ex.Message);
    }

    [Fact]
    public void MissingMetadataParentIsReported()
    {
        using var tmp = new TempDir();
        var cfg = Config(tmp.Combine("fast"), tmp.Combine("slow"), metadata: tmp.Combine("no", "meta"));

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));

        Assert.Equal("volume.metadata_dir", ex.Key);
        Assert.Contains("parent directory does not exist", ex.Detail);
    }

    [Fact]
    public void FileWhereDirectoryIsExpected()
    {
        using var tmp = new TempDir();
        var file = tmp.WriteFile("fast", "not a dir");
        var cfg = Config(file, tmp.Combine("slow"));

        foreach (var create in new[] { false, true })
        {
            var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, create));
            Assert.Equal("tier[1].path", ex.Key);
            Assert.Equal($"{file}: exists but is not a directory", ex.Detail);
        }
    }

    [Fact]
    public void FileWhereParentIsExpected()
    {
        using var tmp = new TempDir();
        var file = tmp.WriteFile("blocker", "x");
        var cfg = Config(tmp.Combine("fast"), Path.Join(file, "slow"));

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));
        Assert.Equal("tier[2].path", ex.Key);
        Assert.Contains("is not a directory", ex.Detail);

        var ex2 = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: true));
        Assert.Equal("tier[2].path", ex2.Key);
        Assert.Contains("cannot create directory", ex2.Detail);
    }

    [Fact]
    public void SymlinkAliasOfAnotherTierIsRejected()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("real"));
        File.CreateSymbolicLink(tmp.Combine("alias"), tmp.Combine("real"));
        var cfg = Config(tmp.Combine("real"), tmp.Combine("alias"));

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.Contains("same directory as tier[1].path", ex.Detail);
        Assert.Contains("after resolving symlinks", ex.Detail);
    }

    [Fact]
    public void SymlinkNestingIsRejectedEvenBeforeCreation()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("fast"));
        File.CreateSymbolicLink(tmp.Combine("link"), tmp.Combine("fast"));
        // "link/slow" does not exist yet, but would land inside the fast tier.
        var cfg = Config(tmp.Combine("fast"), tmp.Combine("link", "slow"));

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.Contains("is inside tier[1].path", ex.Detail);
    }

    [Fact]
    public void HandBuiltConfigWithNestedTiersIsRejected()
    {
        // Configs built in code skip the parse-time check; CheckPaths must not rely on it.
        using var tmp = new TempDir();
        var good = Config(tmp.Combine("fast"), tmp.Combine("slow"));
        var nested = good with
        {
            Volume = good.Volume with
            {
                Tiers = [good.Volume.Tiers[0], good.Volume.Tiers[1] with { Path = tmp.Combine("fast", "slow") }],
            },
        };

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(nested, createMissing: true));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.Contains("inside tier[1].path", ex.Detail);
    }

    [Fact]
    public void EmbeddedDefaultErrorsNameTheEmbeddedSource()
    {
        var cfg = EmbeddedDefault.Load();
        var broken = cfg with
        {
            Volume = cfg.Volume with { Tiers = [cfg.Volume.Tiers[0] with { Path = "/nonexistent-tieredfs-test/x" }, cfg.Volume.Tiers[1]] },
        };

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(broken, createMissing: false));

        Assert.Equal(EmbeddedDefault.SourceName, ex.SourceName);
        Assert.Equal("<embedded default>: tier[1].path: /nonexistent-tieredfs-test/x: parent directory does not exist", ex.Message);
    }
}
