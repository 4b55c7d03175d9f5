using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace TieredFs.Tiering.Telemetry;

/// <summary>
/// Fixed log2 latency buckets in nanoseconds: bucket b counts latencies below 2^b ns (and at
/// least 2^(b-1)); the last bucket also takes everything slower. Fixed bounds mean recording is
/// one lzcnt and one increment, and Prometheus sees the same `le` labels for the process lifetime.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>2^0 ns … 2^31 ns (≈2.1 s); the last bucket is open-ended (+Inf).</summary>
    public const int Count = 32;

    private static readonly bool s_nanosecondTicks = Stopwatch.Frequency == 1_000_000_000;
    private static readonly double s_nsPerTick = 1e9 / Stopwatch.Frequency;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(long nanoseconds)
    {
        if (nanoseconds <= 0)
            return 0;
        int b = 64 - BitOperations.LeadingZeroCount((ulong)nanoseconds);
        return b < Count ? b : Count - 1;
    }

    /// <summary>Upper bound of bucket <paramref name="bucket"/> in nanoseconds (the last is +∞).</summary>
    public static double UpperBoundNs(int bucket) => bucket >= Count - 1 ? double.PositiveInfinity : Math.Pow(2, bucket);

    /// <summary>Stopwatch ticks to ns; on Linux the tick is already a nanosecond.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long TicksToNs(long ticks) => s_nanosecondTicks ? ticks : (long)(ticks * s_nsPerTick);

    /// <summary>
    /// The upper bound (ns) of the bucket holding the <paramref name="quantile"/>-th latency, or 0
    /// with no samples. Coarse by design (a factor of two), which is what a log2 histogram affords.
    /// </summary>
    public static double Quantile(ReadOnlySpan<long> buckets, double quantile)
    {
        long total = 0;
        foreach (long c in buckets)
            total += c;
        if (total == 0)
            return 0;
        long rank = (long)Math.Ceiling(total * quantile);
        long seen = 0;
        for (int b = 0; b < buckets.Length; b++)
        {
            seen += buckets[b];
            if (seen >= rank)
                return b == Count - 1 ? Math.Pow(2, Count - 1) : UpperBoundNs(b);
        }
        return Math.Pow(2, Count - 1);
    }
}
