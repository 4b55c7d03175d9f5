using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Policies;

/// <summary>Small shared rules for choosing tiers, so each policy file states only what is particular to it.</summary>
public static class TierChoice
{
    /// <summary>Slowest tier that still has room for the extent; -1 if none.</summary>
    public static int SlowestWithRoom(long extentBytes, ReadOnlySpan<TierStatus> tiers)
    {
        for (int i = tiers.Length - 1; i >= 0; i--)
            if (tiers[i].RoomBelowCapacity >= extentBytes) return i;
        return -1;
    }

    /// <summary>
    /// The fastest tier: a full faster tier is still a valid answer, the tiering layer evicts
    /// its least recently used extent (cache-like behaviour). -1 only if nothing can take it.
    /// </summary>
    public static int FastestEvicting(long extentBytes, ReadOnlySpan<TierStatus> tiers)
    {
        for (int i = 0; i < tiers.Length; i++)
        {
            bool last = i == tiers.Length - 1;
            if (tiers[i].CapacityBytes >= extentBytes && (!last || tiers[i].RoomBelowCapacity >= extentBytes)) return i;
        }
        return -1;
    }
}
