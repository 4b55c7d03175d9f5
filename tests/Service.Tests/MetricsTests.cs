using TieredFs.Service.Tests.Infrastructure;

namespace TieredFs.Service.Tests;

/// <summary>GET /metrics on a real mount: parseable exposition format whose counters follow the I/O.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly TestVolume _volume = new TestVolume().Start();

    public void Dispose() => _volume.Dispose();

    [Fact]
    public void CountersGrowAfterIo()
    {
        var before = Prometheus.Parse(_volume.Scrape());
        Assert.Equal(0, before["tieredfs_tier_io_bytes_total{tier=\"fast\",op=\"write\"}"]);
        Assert.Equal(1 << 20, before["tieredfs_tier_capacity_bytes{tier=\"fast\"}"]);

        _volume.WriteFile("m", extents: 20);
        _ = File.ReadAllBytes(Path.Combine(_volume.MountPoint, "m"));
        var after = Prometheus.Parse(_volume.Scrape());

        Assert.Equal(14 * 65536, after["tieredfs_tier_io_bytes_total{tier=\"fast\",op=\"write\"}"]);
        Assert.Equal(6 * 65536, after["tieredfs_tier_io_bytes_total{tier=\"slow\",op=\"write\"}"]);
        Assert.True(after["tieredfs_tier_io_ops_total{tier=\"fast\",op=\"read\"}"] > 0);
        Assert.Equal(14 * 65536, after["tieredfs_tier_used_bytes{tier=\"fast\"}"]);
        Assert.Equal(14, after["tieredfs_agent_decisions_total{agent=\"placement\",policy=\"static\",tier=\"fast\"}"]);
        Assert.Equal(0, after["tieredfs_migrations_total{direction=\"promotion\"}"]); // static placement never migrates
        Assert.Equal(0, after["tieredfs_migration_bytes_total"]);
        Assert.True(after["tieredfs_fuse_requests_total{opcode=\"write\"}"] > before.GetValueOrDefault("tieredfs_fuse_requests_total{opcode=\"write\"}"));

        // Histogram: cumulative buckets ending in +Inf == _count == ops.
        const string labels = "tier=\"fast\",op=\"write\"";
        double count = after[$"tieredfs_tier_io_latency_seconds_count{{{labels}}}"];
        Assert.Equal(after[$"tieredfs_tier_io_ops_total{{{labels}}}"], count);
        Assert.Equal(count, after[$"tieredfs_tier_io_latency_seconds_bucket{{{labels},le=\"+Inf\"}}"]);
        Assert.True(after[$"tieredfs_tier_io_latency_seconds_sum{{{labels}}}"] > 0);
        var buckets = after.Where(kv => kv.Key.StartsWith($"tieredfs_tier_io_latency_seconds_bucket{{{labels}", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
        Assert.Equal(buckets.OrderBy(v => v), buckets);
    }

    [Fact]
    public void OtherPathsAre404()
    {
        var e = Assert.Throws<HttpRequestException>(() => _volume.Scrape("/"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.StatusCode);
    }
}
