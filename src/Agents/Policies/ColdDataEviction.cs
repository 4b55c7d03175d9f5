using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Policies;

/// <summary>
/// CDE, cold data eviction (after Matsui et al., as used as a baseline in Sibyl): small or
/// random (hot-looking) writes go to the fast tier, large sequential ones to the slowest;
/// periodically, when a tier cannot take another extent below its high watermark, its coldest extents are evicted
/// down until it is back to its low watermark, and extents that proved hot (accessed at least
/// <see cref="HotCount"/> times recently) on slower tiers are promoted while there is room.
/// </summary>
public sealed class ColdDataEviction : IPlacementPolicy, IMigrationPolicy
{
    public const int SmallRequestBytes = 64 * 1024;
    public const double HotCount = 2.0;

    public string Name => "cde";
    public int MaxCandidates => 64;

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers)
    {
        bool hot = request.RequestBytes <= SmallRequestBytes || request.AccessCount >= HotCount;
        if (!hot) return TierChoice.SlowestWithRoom(request.ExtentBytes, tiers);
        for (int i = 0; i < tiers.Length; i++)
            if (tiers[i].RoomBelowHighWatermark >= request.ExtentBytes) return i;
        return TierChoice.SlowestWithRoom(request.ExtentBytes, tiers);
    }

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        int k = 0, budget = Math.Min(round.MaxMigrations, decisions.Length);
        Span<long> used = stackalloc long[tiers.Length];
        for (int t = 0; t < tiers.Length; t++) used[t] = tiers[t].UsedBytes;

        // Eviction: candidates of a tier arrive coldest first.
        foreach (ref readonly MigrationCandidate c in candidates)
        {
            if (k >= budget) break;
            int t = c.CurrentTier;
            if (c.Kind != CandidateKind.ColdOnFast || t >= tiers.Length - 1) continue;
            if (!Draining(tiers[t], c.Bytes) || used[t] <= tiers[t].CapacityBytes * tiers[t].LowWatermark) continue;
            decisions[k++] = new MigrationDecision(c.ExtentIndex, t, t + 1);
            used[t] -= c.Bytes;
            used[t + 1] += c.Bytes;
        }
        // Promotion of proven-hot extents while the target stays under its high watermark.
        foreach (ref readonly MigrationCandidate c in candidates)
        {
            if (k >= budget) break;
            int t = c.CurrentTier;
            if (c.Kind != CandidateKind.HotOnSlow || t == 0 || c.AccessCount < HotCount) continue;
            if (used[t - 1] + c.Bytes > tiers[t - 1].CapacityBytes * tiers[t - 1].HighWatermark) continue;
            decisions[k++] = new MigrationDecision(c.ExtentIndex, t, t - 1);
            used[t - 1] += c.Bytes;
            used[t] -= c.Bytes;
        }
        return k;
    }

    // A tier that cannot take one more extent below its high watermark is drained this round
    // down to its low watermark (with whole extents, "above the watermark" means exactly that).
    private static bool Draining(in TierStatus tier, long extentBytes) => tier.RoomBelowHighWatermark < extentBytes;
}
