using TieredFs.Daemon.Config;
using TieredFs.Daemon.Service;
using TieredFs.Tiering.Telemetry;

namespace TieredFs.Service.Tests;

/// <summary>The parts that need no mount: escaping, reload classification, telemetry arithmetic.</summary>
public sealed class PureLogicTests
{
    [Theory]
    [InlineData("/srv/media", "srv-media")]
    [InlineData("/srv/my media/", "srv-my\\x20media")]
    [InlineData("/mnt/a-b", "mnt-a\\x2db")]
    [InlineData("/", "-")]
    public void RegistryNamesEscapeLikeSystemd(string mountPoint, string expected) =>
        Assert.Equal(expected, MountRegistry.Escape(mountPoint));

    private const string Base = """
        [volume]
        extent_size = "1MiB"
        [[tier]]
        name = "fast"
        path = "/mnt/fast"
        high_watermark = 0.9
        [[tier]]
        name = "slow"
        path = "/mnt/slow"
        [service]
        log_level = "information"
        """;

    [Fact]
    public void TunablesAreNotStructural()
    {
        var next = Base.Replace("high_watermark = 0.9", "high_watermark = 0.8\nlow_watermark = 0.5").Replace("\"information\"", "\"debug\"")
            .Replace("[volume]", "[volume]\nmigration_rate = \"16MiB\"");
        Assert.Empty(ConfigReloader.StructuralChanges(ConfigLoader.Parse(Base, "a.toml"), ConfigLoader.Parse(next, "a.toml")));
    }

    [Theory]
    [InlineData("name = \"slow\"", "name = \"hdd\"", "tiers changed from [fast, slow] to [fast, hdd]")]
    [InlineData("path = \"/mnt/slow\"", "path = \"/mnt/slow2\"", "tier slow path changed")]
    [InlineData("extent_size = \"1MiB\"", "extent_size = \"2MiB\"", "extent_size changed")]
    [InlineData("[service]", "[service]\nmetrics_listen = \"127.0.0.1:1\"", "metrics_listen changed")]
    [InlineData("[volume]", "[volume]\nallow_other = true", "mount options")]
    [InlineData("[volume]", "[volume]\npolicy = \"harmonia\"", "policy changed from static to harmonia")]
    [InlineData("[volume]", "[volume]\nmigration_rate = 0", "turned migration on or off")]
    public void StructuralChangesAreNamed(string from, string to, string reason)
    {
        var reasons = ConfigReloader.StructuralChanges(ConfigLoader.Parse(Base, "a.toml"), ConfigLoader.Parse(Base.Replace(from, to), "a.toml"));
        Assert.Contains(reasons, r => r.Contains(reason));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(1000, 10)]
    [InlineData(1024, 11)]
    [InlineData(long.MaxValue, LatencyBuckets.Count - 1)]
    public void LatencyBucketsAreLog2(long ns, int bucket) => Assert.Equal(bucket, LatencyBuckets.Of(ns));

    [Fact]
    public void MinuteRingCountsOnlyTheLastSixtySeconds()
    {
        var ring = new MinuteRing();
        ring.Add(100, TierIo.Write, 4096, 1000, LatencyBuckets.Of(1000));
        ring.Add(130, TierIo.Write, 4096, 3000, LatencyBuckets.Of(3000));
        ring.Add(130, TierIo.Read, 512, 3000, LatencyBuckets.Of(3000));

        var run = new long[IoCounters.Width];
        ring.Sum(130, TierIo.Write, run);
        Assert.Equal(2, run[IoCounters.Ops]);
        Assert.Equal(8192, run[IoCounters.Bytes]);

        Array.Clear(run);
        ring.Sum(170, TierIo.Write, run);  // second 100 is now out of the window
        Assert.Equal(1, run[IoCounters.Ops]);

        ring.Add(190, TierIo.Write, 1, 1, 0);  // same slot as 130: reclaimed and cleared
        Array.Clear(run);
        ring.Sum(190, TierIo.Write, run);
        Assert.Equal(1, run[IoCounters.Ops]);
        Assert.Equal(1, run[IoCounters.Bytes]);
    }

    [Fact]
    public void P99IsTheUpperBoundOfItsBucket()
    {
        var io = new TierIo();
        for (int i = 0; i < 99; i++)
            io.Record(TierIo.Read, 4096, 1500, 10);   // bucket 11: < 2048 ns
        io.Record(TierIo.Read, 4096, 1_000_000, 10);   // one slow outlier
        var stats = io.LastMinute(TierIo.Read, 10);
        Assert.Equal(100, stats.Ops);
        Assert.Equal(2048, stats.P99LatencyNs);
        Assert.Equal((99 * 1500 + 1_000_000) / 100.0, stats.MeanLatencyNs);
    }

    [Fact]
    public void RecordingAllocatesNothing()
    {
        var telemetry = new VolumeTelemetry(2);
        for (int i = 0; i < 10_000; i++)
            telemetry.Write(1, 4096, VolumeTelemetry.Start());  // warm-up: tiered JIT allocates on first calls
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            telemetry.Read(0, 4096, VolumeTelemetry.Start());
            telemetry.Write(1, 4096, VolumeTelemetry.Start());
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(100_000, telemetry.Tier(0).Lifetime(TierIo.Read).Ops);
        Assert.Equal(110_000, telemetry.Tier(1).Lifetime(TierIo.Write).Ops);
    }

    [Fact]
    public void StripesAddUpUnderConcurrentWriters()
    {
        var telemetry = new VolumeTelemetry(1);
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 50_000; i++)
                telemetry.Write(0, 10, VolumeTelemetry.Start());
        });
        var total = telemetry.Tier(0).Lifetime(TierIo.Write);
        Assert.Equal(400_000, total.Ops);
        Assert.Equal(4_000_000, total.Bytes);
    }
}
