using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Policies;

/// <summary>
/// HPS, history-based page selection (after Meswani et al., HPCA 2015): placement is static
/// fastest-first; each round, the hottest extents on slower tiers by recent access count are
/// swapped with the coldest extents on the tier above whenever they have been accessed more
/// (and at least <see cref="MinCount"/> times), filling free room first.
/// </summary>
public sealed class HistoryPageSelection : IPlacementPolicy, IMigrationPolicy
{
    public const double MinCount = 2.0;
    private const int MaxBatch = 64;
    private readonly StaticFastestFirst _placement = new();

    public string Name => "hps";
    public int MaxCandidates => MaxBatch;

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers) =>
        _placement.ChooseTier(request, tiers);

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        int n = Math.Min(candidates.Length, MaxBatch);
        int k = 0, budget = Math.Min(round.MaxMigrations, decisions.Length);
        Span<bool> taken = stackalloc bool[MaxBatch];
        taken.Clear();
        Span<long> room = stackalloc long[tiers.Length];
        for (int t = 0; t < tiers.Length; t++) room[t] = tiers[t].RoomBelowHighWatermark;

        while (k < budget)
        {
            int hot = -1;
            for (int i = 0; i < n; i++)
            {
                if (taken[i] || candidates[i].Kind != CandidateKind.HotOnSlow || candidates[i].CurrentTier == 0) continue;
                if (hot < 0 || candidates[i].AccessCount > candidates[hot].AccessCount) hot = i;
            }
            if (hot < 0 || candidates[hot].AccessCount < MinCount) break;
            taken[hot] = true;
            int target = candidates[hot].CurrentTier - 1;
            if (room[target] >= candidates[hot].Bytes)
            {
                room[target] -= candidates[hot].Bytes;
                decisions[k++] = new MigrationDecision(candidates[hot].ExtentIndex, target + 1, target);
                continue;
            }
            int cold = -1;
            for (int i = 0; i < n; i++)
            {
                if (taken[i] || candidates[i].Kind != CandidateKind.ColdOnFast || candidates[i].CurrentTier != target) continue;
                if (cold < 0 || candidates[i].AccessCount < candidates[cold].AccessCount) cold = i;
            }
            if (cold < 0 || k + 2 > budget || candidates[cold].AccessCount >= candidates[hot].AccessCount) continue;
            taken[cold] = true;
            // Demotion first so the promotion finds room.
            decisions[k++] = new MigrationDecision(candidates[cold].ExtentIndex, target, target + 1);
            decisions[k++] = new MigrationDecision(candidates[hot].ExtentIndex, target + 1, target);
        }
        return k;
    }
}
