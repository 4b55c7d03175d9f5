using System.Globalization;
using System.Text;
using TieredFs.Tiering.Telemetry;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Service;

/// <summary>
/// Renders the mount's counters in the Prometheus text exposition format (version 0.0.4).
/// Counters are lifetime totals (rates are Prometheus' job); latency is a histogram over the
/// telemetry's fixed log2 buckets, from 2^10 ns (≈1 µs) up — finer buckets are folded into the first.
/// </summary>
internal static class PrometheusWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const int FirstExportedBucket = 10;

    public static string Render(ServiceContext context)
    {
        var volume = context.Volume;
        var telemetry = volume.Telemetry;
        var sb = new StringBuilder(16 * 1024);
        string[] ops = ["read", "write"];

        Header(sb, "tieredfs_tier_capacity_bytes", "gauge", "Capacity of the tier (configured, or the backing filesystem's size).");
        foreach (var t in volume.Tiers)
            Sample(sb, "tieredfs_tier_capacity_bytes", Label("tier", t.Name), t.CapacityBytes);
        Header(sb, "tieredfs_tier_used_bytes", "gauge", "Bytes of extents allocated on the tier.");
        foreach (var t in volume.Tiers)
            Sample(sb, "tieredfs_tier_used_bytes", Label("tier", t.Name), t.UsedBytes);
        Header(sb, "tieredfs_tier_extents", "gauge", "Extents allocated on the tier.");
        foreach (var t in volume.Tiers)
            Sample(sb, "tieredfs_tier_extents", Label("tier", t.Name), t.UsedExtents);
        Header(sb, "tieredfs_tier_watermark_ratio", "gauge", "Configured fill watermarks of the tier.");
        foreach (var t in volume.Tiers)
        {
            Sample(sb, "tieredfs_tier_watermark_ratio", Label("tier", t.Name) + "," + Label("level", "high"), t.HighWatermark);
            Sample(sb, "tieredfs_tier_watermark_ratio", Label("tier", t.Name) + "," + Label("level", "low"), t.LowWatermark);
        }

        Header(sb, "tieredfs_tier_io_ops_total", "counter", "Reads and writes served by the tier (one per extent segment).");
        foreach (var t in volume.Tiers)
            for (int d = 0; d < 2; d++)
                Sample(sb, "tieredfs_tier_io_ops_total", TierOp(t.Name, ops[d]), telemetry.Tier(t.Rank).Lifetime(d).Ops);
        Header(sb, "tieredfs_tier_io_bytes_total", "counter", "Bytes read from and written to the tier.");
        foreach (var t in volume.Tiers)
            for (int d = 0; d < 2; d++)
                Sample(sb, "tieredfs_tier_io_bytes_total", TierOp(t.Name, ops[d]), telemetry.Tier(t.Rank).Lifetime(d).Bytes);

        Header(sb, "tieredfs_tier_io_latency_seconds", "histogram", "Latency of tier reads and writes (pread/pwrite of one segment).");
        foreach (var t in volume.Tiers)
            for (int d = 0; d < 2; d++)
                Histogram(sb, "tieredfs_tier_io_latency_seconds", TierOp(t.Name, ops[d]), telemetry.Tier(t.Rank).Lifetime(d));

        Header(sb, "tieredfs_volume_inodes", "gauge", "Inodes (files, directories, links) in the volume.");
        Sample(sb, "tieredfs_volume_inodes", "", volume.InodeCount());
        Header(sb, "tieredfs_volume_pinned_files", "gauge", "Files pinned to a tier.");
        Sample(sb, "tieredfs_volume_pinned_files", "", volume.PinCount);

        // Zeros when the policy does not migrate, so dashboards need no change between policies.
        var m = volume.Migration;
        Header(sb, "tieredfs_migrations_total", "counter", "Extent migrations completed, by direction.");
        Sample(sb, "tieredfs_migrations_total", Label("direction", "promotion"), m?.Promotions ?? 0);
        Sample(sb, "tieredfs_migrations_total", Label("direction", "demotion"), m?.Demotions ?? 0);
        Header(sb, "tieredfs_migration_failures_total", "counter", "Extent migrations that failed (the extent stayed where it was).");
        Sample(sb, "tieredfs_migration_failures_total", "", m?.Failed ?? 0);
        Header(sb, "tieredfs_migrations_queued", "gauge", "Extent migrations waiting (moves run within the round that plans them: always 0).");
        Sample(sb, "tieredfs_migrations_queued", "", 0);
        Header(sb, "tieredfs_migration_bytes_total", "counter", "Bytes moved by migrations.");
        Sample(sb, "tieredfs_migration_bytes_total", "", m?.BytesMoved ?? 0);
        Header(sb, "tieredfs_migration_rounds_total", "counter", "Migration rounds run.");
        Sample(sb, "tieredfs_migration_rounds_total", "", m?.Rounds ?? 0);

        Header(sb, "tieredfs_agent_decisions_total", "counter", "Placement decisions for new extents, by chosen tier.");
        foreach (var t in volume.Tiers)
        {
            string labels = $"{Label("agent", "placement")},{Label("policy", volume.PlacementPolicyName)},{Label("tier", t.Name)}";
            Sample(sb, "tieredfs_agent_decisions_total", labels, telemetry.Placements(t.Rank));
        }
        Header(sb, "tieredfs_agent_pinned_decisions_total", "counter", "Placement decisions taken by a pin instead of the policy.");
        Sample(sb, "tieredfs_agent_pinned_decisions_total", "", telemetry.PinnedPlacements);

        Header(sb, "tieredfs_fuse_requests_total", "counter", "FUSE requests received, by opcode.");
        if (context.Processor is { } processor)
        {
            for (int op = 0; op < processor.RequestCounts.Length; op++)
            {
                long n = Volatile.Read(ref processor.RequestCounts[op]);
                if (n > 0)
                    Sample(sb, "tieredfs_fuse_requests_total", Label("opcode", StatusReport.OpcodeName(op)), n);
            }
        }

        Header(sb, "tieredfs_start_time_seconds", "gauge", "When the daemon mounted the volume (Unix time).");
        Sample(sb, "tieredfs_start_time_seconds", "", context.StartedAtUtc.ToUnixTimeMilliseconds() / 1000.0);
        return sb.ToString();
    }

    private static void Histogram(StringBuilder sb, string name, string labels, IoStats stats)
    {
        var buckets = stats.Buckets;
        long cumulative = 0;
        for (int b = 0; b < LatencyBuckets.Count - 1; b++)
        {
            cumulative += buckets[b];
            if (b >= FirstExportedBucket)
                Sample(sb, name + "_bucket", labels + "," + Label("le", Format(LatencyBuckets.UpperBoundNs(b) / 1e9)), cumulative);
        }
        cumulative += buckets[LatencyBuckets.Count - 1];
        Sample(sb, name + "_bucket", labels + "," + Label("le", "+Inf"), cumulative);
        Sample(sb, name + "_sum", labels, stats.LatencySumNs / 1e9);
        Sample(sb, name + "_count", labels, cumulative);
    }

    private static string TierOp(string tier, string op) => Label("tier", tier) + "," + Label("op", op);

    private static void Header(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
          .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder sb, string name, string labels, double value)
    {
        sb.Append(name);
        if (labels.Length > 0)
            sb.Append('{').Append(labels).Append('}');
        sb.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Label(string name, string value) =>
        $"{name}=\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
