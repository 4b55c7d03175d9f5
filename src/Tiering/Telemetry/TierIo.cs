namespace TieredFs.Tiering.Telemetry;

/// <summary>Lifetime totals and the last minute of one tier's reads and writes.</summary>
public sealed class TierIo
{
    public const int Read = 0;
    public const int Write = 1;

    private readonly long[] _lifetime = new long[2 * IoCounters.Width];
    private readonly MinuteRing _minute = new();

    public void Record(int direction, long bytes, long latencyNs, long second)
    {
        int bucket = LatencyBuckets.Of(latencyNs);
        IoCounters.Add(_lifetime, direction * IoCounters.Width, bytes, latencyNs, bucket);
        _minute.Add(second, direction, bytes, latencyNs, bucket);
    }

    public IoStats Lifetime(int direction)
    {
        var run = new long[IoCounters.Width];
        IoCounters.SumInto(_lifetime, direction * IoCounters.Width, run);
        return new IoStats(run);
    }

    public IoStats LastMinute(int direction, long nowSecond)
    {
        var run = new long[IoCounters.Width];
        _minute.Sum(nowSecond, direction, run);
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
