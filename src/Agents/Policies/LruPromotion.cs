using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Policies;

/// <summary>
/// LRU promotion: the fast tier behaves as an LRU cache. New extents go to the fastest tier
/// (evicting its least recently used extent when full); each round every recently accessed
/// extent on a slower tier is promoted one tier, most recent first, the tiering layer evicting
/// LRU victims to make room.
/// </summary>
public sealed class LruPromotion : IPlacementPolicy, IMigrationPolicy
{
    public string Name => "lru";
    public int MaxCandidates => 64;

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers) =>
        TierChoice.FastestEvicting(request.ExtentBytes, tiers);

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        int k = 0, budget = Math.Min(round.MaxMigrations, decisions.Length);
        // Candidates arrive most recent first, so this keeps LRU order.
        foreach (ref readonly MigrationCandidate c in candidates)
        {
            if (k >= budget) break;
            if (c.Kind == CandidateKind.HotOnSlow && c.CurrentTier > 0)
                decisions[k++] = new MigrationDecision(c.ExtentIndex, c.CurrentTier, c.CurrentTier - 1);
        }
        return k;
    }
}
