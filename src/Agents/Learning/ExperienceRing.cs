namespace TieredFs.Agents.Learning;

/// <summary>
/// Bounded FIFO of finished experiences between the I/O path (producer) and
/// <c>Learn()</c> (consumer). When full, the oldest sample is dropped: losing a little
/// learning is better than blocking or allocating on the I/O path.
/// </summary>
public sealed class ExperienceRing
{
    private readonly Experience[] _items;
    private readonly int _mask;
    private long _head; // next write
    private long _tail; // next read

    public ExperienceRing(int capacityPowerOfTwo)
    {
        if (capacityPowerOfTwo <= 0 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacityPowerOfTwo), "must be a power of two");
        _items = new Experience[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    public long Dropped { get; private set; }
    public int Count => (int)(_head - _tail);
    public int Bytes => _items.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<Experience>();

    public void Add(in Experience e)
    {
        if (_head - _tail == _items.Length) { _tail++; Dropped++; }
        _items[(int)(_head & _mask)] = e;
        _head++;
    }

    public bool TryTake(out Experience e)
    {
        if (_tail == _head) { e = default; return false; }
        e = _items[(int)(_tail & _mask)];
        _tail++;
        return true;
    }
}
