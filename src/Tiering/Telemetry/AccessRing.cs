namespace TieredFs.Tiering.Telemetry;

/// <summary>
/// Bounded multi-producer, single-consumer ring of access records (Vyukov's sequence-numbered
/// slots). The I/O threads publish without locks or allocation; when the consumer falls behind,
/// records are dropped and counted rather than slowing I/O down.
/// </summary>
public sealed class AccessRing
{
    private readonly AccessRecord[] _items;
    private readonly long[] _sequence;
    private readonly int _mask;
    private long _enqueue;
    private long _dequeue;
    private long _dropped;

    public AccessRing(int capacityPowerOfTwo = 1 << 16)
    {
        if (capacityPowerOfTwo <= 0 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacityPowerOfTwo), "must be a power of two");
        _items = new AccessRecord[capacityPowerOfTwo];
        _sequence = new long[capacityPowerOfTwo];
        for (int i = 0; i < capacityPowerOfTwo; i++)
            _sequence[i] = i;
        _mask = capacityPowerOfTwo - 1;
    }

    public long Dropped => Volatile.Read(ref _dropped);

    public bool TryWrite(in AccessRecord record)
    {
        while (true)
        {
            long position = Volatile.Read(ref _enqueue);
            int slot = (int)(position & _mask);
            long sequence = Volatile.Read(ref _sequence[slot]);
            long diff = sequence - position;
            if (diff == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueue, position + 1, position) == position)
                {
                    _items[slot] = record;
                    Volatile.Write(ref _sequence[slot], position + 1);
                    return true;
                }
            }
            else if (diff < 0)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }
        }
    }

    /// <summary>Single consumer only.</summary>
    public bool TryRead(out AccessRecord record)
    {
        long position = _dequeue;
        int slot = (int)(position & _mask);
        long sequence = Volatile.Read(ref _sequence[slot]);
        if (sequence - (position + 1) < 0)
        {
            record = default;
            return false;
        }
        record = _items[slot];
        Volatile.Write(ref _sequence[slot], position + _mask + 1);
        _dequeue = position + 1;
        return true;
    }
}
