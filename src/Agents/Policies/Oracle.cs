using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Policies;

/// <summary>
/// Oracle with future knowledge (simulator only), to measure how much of the gap between a
/// baseline and the best achievable a policy closes. Placement: an extent that will be used
/// again within the horizon goes to the fastest tier, one never used again to the slowest, any
/// other to the fastest middle tier with room. Migration,
/// Belady-style under the same migration budget as every other policy: promote the slow
/// extents used soonest, swapping out the fast candidate whose next use is furthest away when
/// that one is needed later than the promoted one.
/// </summary>
public sealed class Oracle : IPlacementPolicy, IMigrationPolicy, IFutureAware
{
    private const int MaxBatch = 256;
    private readonly IFutureKnowledge _future;

    public Oracle(IFutureKnowledge future, int horizonRequests)
    {
        _future = future;
        HorizonRequests = Math.Max(1, horizonRequests);
    }

    public string Name => "oracle";
    public int HorizonRequests { get; }
    public int LookaheadRequests => HorizonRequests;
    public int MaxCandidates => MaxBatch;

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers)
    {
        long d = _future.DistanceToNextUse(request.ExtentIndex);
        if (d <= HorizonRequests) return TierChoice.FastestEvicting(request.ExtentBytes, tiers);
        if (d == long.MaxValue) return TierChoice.SlowestWithRoom(request.ExtentBytes, tiers);
        // Reused, but not soon: the fastest middle tier with room (the slowest if none).
        for (int i = 1; i < tiers.Length - 1; i++)
            if (tiers[i].RoomBelowHighWatermark >= request.ExtentBytes) return i;
        return TierChoice.SlowestWithRoom(request.ExtentBytes, tiers);
    }

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        int n = Math.Min(candidates.Length, MaxBatch);
        int budget = Math.Min(round.MaxMigrations, decisions.Length);
        Span<long> next = stackalloc long[MaxBatch];
        Span<byte> plan = stackalloc byte[MaxBatch]; // 1 promote, 2 demote, 3 skip
        Span<long> room = stackalloc long[tiers.Length];
        plan.Clear();
        for (int t = 0; t < tiers.Length; t++) room[t] = tiers[t].RoomBelowHighWatermark;
        for (int i = 0; i < n; i++) next[i] = _future.DistanceToNextUse(candidates[i].ExtentIndex);

        int used = 0;
        while (used < budget)
        {
            int hot = -1;
            for (int i = 0; i < n; i++)
            {
                if (plan[i] != 0 || candidates[i].Kind != CandidateKind.HotOnSlow || candidates[i].CurrentTier == 0) continue;
                if (hot < 0 || next[i] < next[hot]) hot = i;
            }
            if (hot < 0 || next[hot] > HorizonRequests) break;
            int target = candidates[hot].CurrentTier - 1;
            if (room[target] >= candidates[hot].Bytes)
            {
                plan[hot] = 1;
                room[target] -= candidates[hot].Bytes;
                used++;
                continue;
            }
            int victim = -1;
            for (int i = 0; i < n; i++)
            {
                if (plan[i] != 0 || candidates[i].Kind != CandidateKind.ColdOnFast || candidates[i].CurrentTier != target) continue;
                if (victim < 0 || next[i] > next[victim]) victim = i;
            }
            if (victim >= 0 && used + 2 <= budget && next[victim] > next[hot])
            {
                plan[victim] = 2;
                plan[hot] = 1;
                used += 2;
            }
            else
            {
                plan[hot] = 3;
            }
        }

        int k = 0;
        for (int pass = 2; pass >= 1; pass--)
        {
            for (int i = 0; i < n && k < decisions.Length; i++)
            {
                if (plan[i] != pass) continue;
                int from = candidates[i].CurrentTier;
                decisions[k++] = new MigrationDecision(candidates[i].ExtentIndex, from, pass == 1 ? from - 1 : from + 1);
            }
        }
        return k;
    }
}
