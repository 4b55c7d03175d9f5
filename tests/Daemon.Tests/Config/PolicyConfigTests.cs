using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>[volume] policy and migration_rate: the live policy and its background move budget.</summary>
public class PolicyConfigTests
{
    private static string WithVolume(string volumeLines) => $"""
        [volume]
        {volumeLines}
        [[tier]]
        name = "fast"
        path = "/mnt/fast/t"
        [[tier]]
        name = "slow"
        path = "/mnt/slow/t"
        """;

    [Fact]
    public void Defaults_are_static_placement_and_64MiB_per_second()
    {
        var cfg = Toml.Parse(WithVolume(""));
        Assert.Equal("static", cfg.Volume.Policy);
        Assert.Equal(64L << 20, cfg.Volume.MigrationBytesPerSecond);
    }

    [Theory]
    [InlineData("harmonia")]
    [InlineData("LRU")]
    [InlineData("cde")]
    [InlineData("hps")]
    [InlineData("sibyl")]
    public void Live_policies_are_accepted(string name)
    {
        var cfg = Toml.Parse(WithVolume($"policy = \"{name}\""));
        Assert.Equal(name.ToLowerInvariant(), cfg.Volume.Policy);
    }

    [Theory]
    [InlineData("oracle")]
    [InlineData("archivist")]
    [InlineData("fastest")]
    public void Policies_that_cannot_run_live_are_refused_with_the_line(string name)
    {
        var e = Assert.Throws<ConfigException>(() => Toml.Parse(WithVolume($"policy = \"{name}\"")));
        Assert.Equal("volume.policy", e.Key);
        Assert.Equal(2, e.Line);
        Assert.Contains("harmonia", e.Message);
    }

    [Fact]
    public void Migration_rate_is_a_size_and_zero_turns_migration_off()
    {
        Assert.Equal(128L << 20, Toml.Parse(WithVolume("migration_rate = \"128MiB\"")).Volume.MigrationBytesPerSecond);
        Assert.Equal(0, Toml.Parse(WithVolume("migration_rate = 0")).Volume.MigrationBytesPerSecond);
        var e = Assert.Throws<ConfigException>(() => Toml.Parse(WithVolume("migration_rate = \"fast\"")));
        Assert.Equal("volume.migration_rate", e.Key);
    }
}
