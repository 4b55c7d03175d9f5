namespace TieredFs.Agents.Abstractions;

/// <summary>
/// What a policy may know about one tier at decision time. Tiers are always passed
/// fastest first, so the index of a tier in the span is its speed rank.
/// </summary>
public readonly record struct TierStatus(long CapacityBytes, long UsedBytes, double HighWatermark, double LowWatermark)
{
    /// <summary>Bytes that may still be placed before the high watermark is crossed.</summary>
    public long RoomBelowHighWatermark => (long)(CapacityBytes * HighWatermark) - UsedBytes;

    /// <summary>Bytes that may still be placed before the tier is full.</summary>
    public long RoomBelowCapacity => CapacityBytes - UsedBytes;

    public double Fill => CapacityBytes <= 0 ? 1.0 : (double)UsedBytes / CapacityBytes;

    /// <summary>
    /// Fraction of recent time the tier's device was busy (0..1, averaged over its queues, as
    /// iostat's %util), 0 if unknown (then moves are charged their full device time). Background moves only cost foreground latency in
    /// proportion to how busy the device already is.
    /// </summary>
    public double Utilization { get; init; }
}
