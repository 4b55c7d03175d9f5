using System.Runtime.CompilerServices;

namespace TieredFs.Tiering.Telemetry;

/// <summary>
/// One direction (read or write) of one tier, as a flat run of longs inside a bigger array:
/// ops, bytes, latency sum (ns), then <see cref="LatencyBuckets.Count"/> bucket counts. Used both
/// for lifetime totals and for each second of the minute ring, so both are summed the same way.
/// </summary>
public static class IoCounters
{
    public const int Ops = 0;
    public const int Bytes = 1;
    public const int LatencySumNs = 2;
    public const int FirstBucket = 3;

    /// <summary>Longs per direction.</summary>
    public const int Width = FirstBucket + LatencyBuckets.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(long[] cells, int at, long bytes, long latencyNs, int bucket)
    {
        Interlocked.Increment(ref cells[at + Ops]);
        Interlocked.Add(ref cells[at + Bytes], bytes);
        Interlocked.Add(ref cells[at + LatencySumNs], latencyNs);
        Interlocked.Increment(ref cells[at + FirstBucket + bucket]);
    }

    /// <summary>Adds a run into <paramref name="into"/> (a plain, unshared array owned by a reader).</summary>
    public static void SumInto(long[] cells, int at, Span<long> into)
    {
        for (int i = 0; i < Width; i++)
            into[i] += Volatile.Read(ref cells[at + i]);
    }
}
