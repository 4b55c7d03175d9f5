using System.Text.Json.Nodes;
using TieredFs.Fuse.Protocol;
using TieredFs.Tiering.Telemetry;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Service;

/// <summary>
/// The document `tieredfs status` shows: tiers (capacity, fill, I/O over the last minute),
/// the volume, the agents and FUSE request counts. Built on demand; nothing here runs per request.
/// </summary>
internal static class StatusReport
{
    private const double MiB = 1 << 20;

    public static JsonObject Build(ServiceContext context)
    {
        var volume = context.Volume;
        var telemetry = volume.Telemetry;
        long nowSecond = VolumeTelemetry.NowSecond();
        double window = telemetry.MinuteWindowSeconds();

        var tiers = new JsonArray();
        long extents = 0, decisions = 0;
        var byTier = new JsonObject();
        foreach (var tier in volume.Tiers)
        {
            var status = tier.Status();
            var io = telemetry.Tier(tier.Rank);
            extents += tier.UsedExtents;
            long placed = telemetry.Placements(tier.Rank);
            decisions += placed;
            byTier[tier.Name] = placed;
            tiers.Add(new JsonObject
            {
                ["name"] = tier.Name,
                ["rank"] = tier.Rank,
                ["path"] = tier.Path,
                ["capacity_bytes"] = tier.CapacityBytes,
                ["used_bytes"] = tier.UsedBytes,
                ["extents"] = tier.UsedExtents,
                ["fill"] = Math.Round(status.Fill, 4),
                ["high_watermark"] = tier.HighWatermark,
                ["low_watermark"] = tier.LowWatermark,
                ["full"] = status.RoomBelowCapacity < volume.ExtentSize,
                ["read"] = Direction(io, TierIo.Read, nowSecond, window),
                ["write"] = Direction(io, TierIo.Write, nowSecond, window),
            });
        }

        return new JsonObject
        {
            ["mountpoint"] = context.MountPoint,
            ["config"] = context.Config.SourcePath,
            ["control_socket"] = context.ControlSocket,
            ["pid"] = Environment.ProcessId,
            ["uptime_seconds"] = Math.Round(context.UptimeSeconds, 1),
            ["window_seconds"] = window,
            ["volume"] = new JsonObject
            {
                ["extent_size"] = volume.ExtentSize,
                ["files"] = volume.InodeCount(),
                ["extents"] = extents,
                ["pinned_files"] = volume.PinCount,
                ["migrations"] = Migrations(volume),
            },
            ["tiers"] = tiers,
            ["agents"] = new JsonArray
            {
                new JsonObject
                {
                    ["role"] = "placement",
                    ["policy"] = volume.PlacementPolicyName,
                    ["decisions"] = decisions,
                    ["pinned_decisions"] = telemetry.PinnedPlacements,
                    ["decisions_by_tier"] = byTier,
                },
                new JsonObject
                {
                    ["role"] = "migration",
                    ["policy"] = volume.Migration is null ? "none" : volume.PlacementPolicyName,
                    ["rounds"] = volume.Migration?.Rounds ?? 0,
                    ["decisions"] = volume.Migration?.Planned ?? 0,
                    ["accesses_observed"] = volume.Migration?.AccessesObserved ?? 0,
                },
            },
            ["fuse_requests"] = FuseRequests(context.Processor),
        };
    }

    private static JsonObject Direction(TierIo io, int direction, long nowSecond, double window)
    {
        var minute = io.LastMinute(direction, nowSecond);
        var total = io.Lifetime(direction);
        return new JsonObject
        {
            ["iops"] = Math.Round(minute.Ops / window, 2),
            ["mib_per_s"] = Math.Round(minute.Bytes / MiB / window, 3),
            ["mean_latency_us"] = Math.Round(minute.MeanLatencyNs / 1000, 2),
            ["p99_latency_us"] = Math.Round(minute.P99LatencyNs / 1000, 2),
            ["ops_total"] = total.Ops,
            ["bytes_total"] = total.Bytes,
        };
    }

    public static JsonObject FuseRequests(RequestProcessor? processor)
    {
        var counts = new JsonObject();
        if (processor is null)
            return counts;
        for (int op = 0; op < processor.RequestCounts.Length; op++)
        {
            long n = Volatile.Read(ref processor.RequestCounts[op]);
            if (n > 0)
                counts[OpcodeName(op)] = n;
        }
        return counts;
    }

    public static string OpcodeName(int op) => Enum.GetName((Opcode)op)?.ToLowerInvariant() ?? $"op{op}";

    /// <summary>What the engine measured on this volume's tiers: the numbers its decisions rest on.</summary>
    private static JsonObject? EngineView(Volume volume)
    {
        if (volume.Engine is not { } engine)
            return null;
        var tiers = new JsonArray();
        for (int t = 0; t < volume.Tiers.Count; t++)
        {
            tiers.Add(new JsonObject
            {
                ["name"] = volume.Tiers[t].Name,
                ["read_latency_us"] = Math.Round(engine.Meter.LatencyUs(t, false), 1),
                ["utilization"] = Math.Round(engine.Meter.Utilization(t), 3),
                ["move_down_us"] = t + 1 < volume.Tiers.Count ? Math.Round(engine.Meter.MoveUs(t, t + 1)) : null,
                ["move_up_us"] = t > 0 ? Math.Round(engine.Meter.MoveUs(t, t - 1)) : null,
            });
        }
        return new JsonObject
        {
            ["tracked_extents"] = engine.TrackedExtents,
            ["heat_weight"] = Math.Round(engine.Population.Weight, 3),
            ["tiers"] = tiers,
        };
    }

    /// <summary>
    /// Moves are executed within the round that planned them, so nothing waits between rounds:
    /// "queued" is always 0 and is kept for dashboards that expect it.
    /// </summary>
    private static JsonObject Migrations(Volume volume)
    {
        var m = volume.Migration;
        return new JsonObject
        {
            // Whether the policy moves extents; pins are moved even when it does not (pin_moves).
            ["enabled"] = m is not null && volume.Engine?.Policies.Migration.MaxCandidates > 0,
            ["done"] = m?.Done ?? 0,
            ["queued"] = 0,
            ["promotions"] = m?.Promotions ?? 0,
            ["demotions"] = m?.Demotions ?? 0,
            ["failed"] = m?.Failed ?? 0,
            ["bytes_moved"] = m?.BytesMoved ?? 0,
            // Why moves did not happen: what an admin needs to tell "nothing to do" from "held back".
            ["evictions"] = m?.Evictions ?? 0,
            ["pin_moves"] = m?.PinMoves ?? 0,
            ["candidates"] = m?.Candidates ?? 0,
            ["held_back_by_hysteresis"] = m?.HeldBack ?? 0,
            ["refused_by_pin"] = m?.RefusedByPin ?? 0,
            ["over_budget"] = m?.OverBudget ?? 0,
            ["swaps_refused"] = m?.SwapsRefused ?? 0,
            ["stale"] = m?.Stale ?? 0,
            ["engine"] = EngineView(volume),
        };
    }
}
