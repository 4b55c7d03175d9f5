using TieredFs.Simulation.Devices;

namespace TieredFs.Simulation.Tests;

public class HssTomlLoaderTests
{
    private const string Valid = """
        name = "lab"
        [[tier]]
        name = "fast"
        read_latency_us = 10
        write_latency_us = 12.5
        read_mbps = 2000
        write_mbps = 1500
        channels = 4
        [[tier]]
        name = "slow"
        read_latency_us = 8000
        write_latency_us = 9000
        read_mbps = 150
        write_mbps = 150
        sequential_latency_us = 100
        capacity_factor = 7
        """;

    [Fact]
    public void ParsesTiersFastestFirst()
    {
        var hss = HssTomlLoader.Parse(Valid, "file");
        Assert.Equal("lab", hss.Name);
        Assert.Equal(2, hss.Tiers.Count);
        Assert.Equal(new DeviceSpec("fast", 10, 12.5, 2000, 1500, 4, 10), hss.Tiers[0].Device);
        Assert.Equal(1, hss.Tiers[0].CapacityFactor);
        Assert.Equal(100, hss.Tiers[1].Device.SequentialLatencyUs);
        Assert.Equal(1, hss.Tiers[1].Device.Channels);
        Assert.Equal(0, hss.Tiers[1].CapacityFactor); // the slowest tier always holds everything
    }

    [Fact]
    public void MissingKeyIsNamed()
    {
        var ex = Assert.Throws<FormatException>(() => HssTomlLoader.Parse(Valid.Replace("read_mbps = 150\n", ""), "lab.toml"));
        Assert.Contains("tier 1", ex.Message);
        Assert.Contains("read_mbps", ex.Message);
    }

    [Fact]
    public void InvalidTomlAndTooFewTiersAreRejected()
    {
        Assert.Throws<FormatException>(() => HssTomlLoader.Parse("[[tier]\nname=", "x"));
        int end = Valid.IndexOf("[[tier]]", 20, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => HssTomlLoader.Parse(Valid[..end], "x"));
    }

    [Fact]
    public void BuiltInsHaveTwoToFourTiersFastestFirst()
    {
        foreach (string name in BuiltInHss.Names)
        {
            var hss = BuiltInHss.Find(name)!;
            hss.Validate();
            for (int i = 1; i < hss.Tiers.Count; i++)
                Assert.True(hss.Tiers[i].Device.ReadLatencyUs > hss.Tiers[i - 1].Device.ReadLatencyUs, $"{name} tier {i}");
        }
        Assert.Null(BuiltInHss.Find("nope"));
    }
}
