using System.Numerics;

namespace TieredFs.Tiering.Telemetry;

/// <summary>
/// Lifetime totals and the last minute of one tier's reads and writes. Striped by CPU: each
/// recording thread adds into the stripe of the processor it runs on, so FUSE threads on
/// different cores do not fight over one cache line per counter; readers sum the stripes.
/// Memory: about 36 KiB per stripe (mostly the minute ring), at most 8 stripes per tier.
/// </summary>
public sealed class TierIo
{
    public const int Read = 0;
    public const int Write = 1;

    private const int MaxStripes = 8;

    private readonly long[][] _lifetime;
    private readonly MinuteRing[] _minute;
    private readonly int _mask;

    public TierIo()
    {
        int stripes = (int)Math.Min(MaxStripes, BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _mask = stripes - 1;
        _lifetime = new long[stripes][];
        _minute = new MinuteRing[stripes];
        for (int i = 0; i < stripes; i++)
        {
            _lifetime[i] = new long[2 * IoCounters.Width];
            _minute[i] = new MinuteRing();
        }
    }

    public void Record(int direction, long bytes, long latencyNs, long second)
    {
        int bucket = LatencyBuckets.Of(latencyNs);
        // The processor id is cached per thread by the runtime; a stale one only costs sharing, never correctness.
        int stripe = Thread.GetCurrentProcessorId() & _mask;
        IoCounters.Add(_lifetime[stripe], direction * IoCounters.Width, bytes, latencyNs, bucket);
        _minute[stripe].Add(second, direction, bytes, latencyNs, bucket);
    }

    public IoStats Lifetime(int direction)
    {
        var run = new long[IoCounters.Width];
        foreach (var stripe in _lifetime)
            IoCounters.SumInto(stripe, direction * IoCounters.Width, run);
        return new IoStats(run);
    }

    public IoStats LastMinute(int direction, long nowSecond)
    {
        var run = new long[IoCounters.Width];
        foreach (var ring in _minute)
            ring.Sum(nowSecond, direction, run);
        return new IoStats(run);
    }
}

/// <summary>A read-side copy of one <see cref="IoCounters"/> run.</summary>
public sealed class IoStats(long[] run)
{
    public long Ops => run[IoCounters.Ops];
    public long Bytes => run[IoCounters.Bytes];
    public long LatencySumNs => run[IoCounters.LatencySumNs];
    public ReadOnlySpan<long> Buckets => run.AsSpan(IoCounters.FirstBucket, LatencyBuckets.Count);
    public double MeanLatencyNs => Ops == 0 ? 0 : (double)LatencySumNs / Ops;
    public double P99LatencyNs => LatencyBuckets.Quantile(Buckets, 0.99);
}
