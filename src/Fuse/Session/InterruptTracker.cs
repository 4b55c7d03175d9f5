namespace TieredFs.Fuse.Session;

/// <summary>
/// Requests in flight, so an INTERRUPT can be matched to its target. A fixed array of slots (one
/// per concurrently running request; reader threads are far fewer) so the data path allocates
/// nothing. Our handlers are short and bounded, so an interrupted request simply completes; what
/// matters is the protocol rule that an interrupt for a request not (yet) in flight is answered
/// EAGAIN, which makes the kernel queue it again.
/// </summary>
public sealed class InterruptTracker
{
    private const int Slots = 256;
    private readonly ulong[] _uniques = new ulong[Slots];
    private readonly int[] _interrupted = new int[Slots];

    /// <summary>Registers a request; returns its slot (−1 if every slot is busy: then it cannot be interrupted).</summary>
    public int Begin(ulong unique)
    {
        int start = Environment.CurrentManagedThreadId & (Slots - 1);
        for (int i = 0; i < Slots; i++)
        {
            int slot = (start + i) & (Slots - 1);
            if (Volatile.Read(ref _uniques[slot]) == 0 && Interlocked.CompareExchange(ref _uniques[slot], unique, 0) == 0)
            {
                Volatile.Write(ref _interrupted[slot], 0);
                return slot;
            }
        }
        return -1;
    }

    public void End(int slot)
    {
        if ((uint)slot < Slots)
            Volatile.Write(ref _uniques[slot], 0);
    }

    /// <summary>Marks the target; false when it is not (yet) in flight.</summary>
    public bool TryInterrupt(ulong unique)
    {
        int slot = Find(unique);
        if (slot < 0)
            return false;
        Volatile.Write(ref _interrupted[slot], 1);
        return true;
    }

    public bool IsInterrupted(ulong unique)
    {
        int slot = Find(unique);
        return slot >= 0 && Volatile.Read(ref _interrupted[slot]) != 0;
    }

    private int Find(ulong unique)
    {
        if (unique == 0)
            return -1;
        for (int slot = 0; slot < Slots; slot++)
        {
            if (Volatile.Read(ref _uniques[slot]) == unique)
                return slot;
        }
        return -1;
    }
}
