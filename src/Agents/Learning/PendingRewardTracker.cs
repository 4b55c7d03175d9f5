namespace TieredFs.Agents.Learning;

/// <summary>
/// Bounded, direct-mapped table of decisions waiting for their delayed reward (Pythia's
/// evaluation queue). A decision finishes when it has seen enough accesses, when it is older
/// than the horizon, or when a newer decision hashes to its slot; either way it becomes an
/// <see cref="Experience"/> in the ring with whatever reward it collected so far. That is how
/// "promoted but never used again" gets its (negative) reward without unbounded memory.
/// </summary>
public sealed class PendingRewardTracker
{
    private readonly PendingDecision[] _slots;
    private readonly int _mask;
    private readonly ExperienceRing _finished;

    public PendingRewardTracker(int slotsPowerOfTwo, ExperienceRing finished)
    {
        if (slotsPowerOfTwo <= 0 || (slotsPowerOfTwo & (slotsPowerOfTwo - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(slotsPowerOfTwo), "must be a power of two");
        _slots = new PendingDecision[slotsPowerOfTwo];
        _mask = slotsPowerOfTwo - 1;
        _finished = finished;
    }

    public int Bytes => _slots.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<PendingDecision>();

    private int SlotOf(long extent)
    {
        ulong h = (ulong)extent * 0x9E3779B97F4A7C15UL;
        return (int)(h >> 40) & _mask;
    }

    /// <summary>
    /// Starts tracking a decision. A different decision in the same slot finishes early with the
    /// reward collected so far, unless <paramref name="keepOlder"/>: then the new decision is not
    /// tracked (returns false). Rewards that accrue over a fixed window must keep the older one,
    /// or every collision teaches "this move earned nothing but its cost".
    /// </summary>
    public bool Add(long extent, int state, int action, int fromTier, int toTier, float initialReward, long nowEvent, float scale = 1f, bool keepOlder = false)
    {
        ref PendingDecision slot = ref _slots[SlotOf(extent)];
        if (slot.Active)
        {
            if (keepOlder && slot.Extent != extent) return false;
            Finish(ref slot);
        }
        slot.Extent = extent;
        slot.State = state;
        slot.Action = (byte)action;
        slot.FromTier = (sbyte)fromTier;
        slot.ToTier = (sbyte)toTier;
        slot.Reward = initialReward;
        slot.Scale = scale > 0 ? scale : 1f;
        slot.Accesses = 0;
        slot.DecidedAtEvent = nowEvent;
        slot.Costed = false;
        slot.Active = true;
        return true;
    }

    /// <summary>The pending decision for <paramref name="extent"/>, or a null ref.</summary>
    public ref PendingDecision Find(long extent)
    {
        ref PendingDecision slot = ref _slots[SlotOf(extent)];
        if (slot.Active && slot.Extent == extent) return ref slot;
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<PendingDecision>();
    }

    public void Finish(ref PendingDecision slot)
    {
        if (!slot.Active) return;
        slot.Active = false;
        _finished.Add(new Experience(slot.State, slot.Action, slot.Reward / (slot.Scale > 0 ? slot.Scale : 1f), -1, 0));
    }

    /// <summary>Forgets one decision without an experience: what happened was not what it decided.</summary>
    public void Drop(ref PendingDecision slot) => slot.Active = false;

    /// <summary>
    /// Forgets, without an experience, the decisions made at <paramref name="decidedAtEvent"/>
    /// that were never carried out (<see cref="PendingDecision.Costed"/> still false): a move the
    /// executor cancelled (budget, a stale extent, half a swap) realised nothing, and learning
    /// from it would teach that the move itself was worthless.
    /// </summary>
    public int DropNotCarriedOut(long decidedAtEvent)
    {
        int dropped = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            ref PendingDecision slot = ref _slots[i];
            if (slot.Active && !slot.Costed && slot.DecidedAtEvent == decidedAtEvent)
            {
                Drop(ref slot);
                dropped++;
            }
        }
        return dropped;
    }

    /// <summary>Finishes every decision older than <paramref name="horizonEvents"/>.</summary>
    public int ExpireOlderThan(long nowEvent, long horizonEvents)
    {
        int expired = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            ref PendingDecision slot = ref _slots[i];
            if (slot.Active && nowEvent - slot.DecidedAtEvent > horizonEvents)
            {
                Finish(ref slot);
                expired++;
            }
        }
        return expired;
    }
}
