namespace TieredFs.Tiering.Telemetry;

/// <summary>
/// The last 60 seconds of one tier's I/O: 60 one-second slots, each holding a read and a write
/// <see cref="IoCounters"/> run and the second it belongs to. The first writer of a new second
/// claims the slot with a CAS on its stamp and clears it. No lock: a racing writer may add into
/// the slot just before it is cleared and be lost — an accepted error of a few ops per second,
/// the price of never blocking the data path.
/// </summary>
public sealed class MinuteRing
{
    public const int Seconds = 60;

    // [stamp][read run][write run], padded to 8 longs so slots do not share cache lines at the edges.
    private const int Stride = (1 + 2 * IoCounters.Width + 7) & ~7;

    private readonly long[] _cells = new long[Seconds * Stride];

    public MinuteRing()
    {
        for (int s = 0; s < Seconds; s++)
            _cells[s * Stride] = long.MinValue;
    }

    public void Add(long second, int direction, long bytes, long latencyNs, int bucket)
    {
        int slot = (int)(second % Seconds) * Stride;
        long stamp = Volatile.Read(ref _cells[slot]);
        if (stamp != second && Interlocked.CompareExchange(ref _cells[slot], second, stamp) == stamp)
            Array.Clear(_cells, slot + 1, 2 * IoCounters.Width);
        IoCounters.Add(_cells, slot + 1 + direction * IoCounters.Width, bytes, latencyNs, bucket);
    }

    /// <summary>Sums the slots of seconds (now−60, now] for <paramref name="direction"/> into <paramref name="into"/>.</summary>
    public void Sum(long nowSecond, int direction, Span<long> into)
    {
        for (int s = 0; s < Seconds; s++)
        {
            int slot = s * Stride;
            long stamp = Volatile.Read(ref _cells[slot]);
            if (stamp <= nowSecond && stamp > nowSecond - Seconds)
                IoCounters.SumInto(_cells, slot + 1 + direction * IoCounters.Width, into);
        }
    }
}
