using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TieredFs.Tiering.Telemetry;

/// <summary>
/// Per-tier I/O statistics and placement decisions of one volume, indexed by tier rank. The data
/// path calls <see cref="Start"/> before and <see cref="Read"/>/<see cref="Write"/> after each
/// per-tier segment: a few interlocked adds, no lock, no allocation, no logging. Readers (status,
/// /metrics) copy out what they need; they may see a segment half-counted, never a torn long.
/// </summary>
public sealed class VolumeTelemetry
{
    private readonly TierIo[] _tiers;
    private readonly long[] _placements;
    private long _pinnedPlacements;

    public VolumeTelemetry(int tierCount)
    {
        _tiers = new TierIo[tierCount];
        for (int i = 0; i < tierCount; i++)
            _tiers[i] = new TierIo();
        _placements = new long[tierCount];
        StartedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>When counting began (Stopwatch ticks); the minute window is shorter before a minute has passed.</summary>
    public long StartedAt { get; }

    public TierIo Tier(int rank) => _tiers[rank];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Start() => Stopwatch.GetTimestamp();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    /// <returns>The end timestamp, for other observers of the same I/O.</returns>
    public long Read(int rank, long bytes, long started) => Record(rank, TierIo.Read, bytes, started);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    /// <returns>The end timestamp, for other observers of the same I/O.</returns>
    public long Write(int rank, long bytes, long started) => Record(rank, TierIo.Write, bytes, started);

    /// <summary>A new extent was placed on tier <paramref name="rank"/>; <paramref name="pinned"/> when a pin chose it.</summary>
    public void Placed(int rank, bool pinned)
    {
        Interlocked.Increment(ref _placements[rank]);
        if (pinned)
            Interlocked.Increment(ref _pinnedPlacements);
    }

    public long Placements(int rank) => Volatile.Read(ref _placements[rank]);

    public long PinnedPlacements => Volatile.Read(ref _pinnedPlacements);

    public static long NowSecond() => Stopwatch.GetTimestamp() / Stopwatch.Frequency;

    /// <summary>Seconds the "last minute" figures cover: 60, or less right after start.</summary>
    public double MinuteWindowSeconds()
    {
        double up = (double)(Stopwatch.GetTimestamp() - StartedAt) / Stopwatch.Frequency;
        return Math.Clamp(Math.Ceiling(up), 1, MinuteRing.Seconds);
    }

    private long Record(int rank, int direction, long bytes, long started)
    {
        long now = Stopwatch.GetTimestamp();
        if ((uint)rank < (uint)_tiers.Length)
            _tiers[rank].Record(direction, bytes, LatencyBuckets.TicksToNs(now - started), now / Stopwatch.Frequency);
        return now;
    }
}
