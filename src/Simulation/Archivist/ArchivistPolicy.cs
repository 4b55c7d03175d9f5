using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;

namespace TieredFs.Simulation.Archivist;

/// <summary>
/// Archivist-like supervised baseline: the classifier says hot or cold. Placement: hot →
/// fastest tier below its high watermark, cold → slowest. Migration: promote hot extents on
/// slower tiers (swapping out a cold-classified fast extent when there is no room), demote
/// cold-classified extents while a faster tier is above its high watermark.
/// </summary>
public sealed class ArchivistPolicy(HotColdModel model) : IPlacementPolicy, IMigrationPolicy
{
    private const int MaxBatch = 64;

    public string Name => "archivist";
    public int MaxCandidates => MaxBatch;

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers)
    {
        Span<float> f = stackalloc float[HotColdFeatures.Count];
        HotColdFeatures.Fill(f, request.AccessCount, request.AccessIntervalUs, request.PeriodUs);
        if (!model.IsHot(f)) return TierChoice.SlowestWithRoom(request.ExtentBytes, tiers);
        for (int i = 0; i < tiers.Length; i++)
            if (tiers[i].RoomBelowHighWatermark >= request.ExtentBytes) return i;
        return TierChoice.SlowestWithRoom(request.ExtentBytes, tiers);
    }

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        int n = Math.Min(candidates.Length, MaxBatch);
        int budget = Math.Min(round.MaxMigrations, decisions.Length);
        Span<float> score = stackalloc float[MaxBatch];
        Span<bool> taken = stackalloc bool[MaxBatch];
        Span<long> room = stackalloc long[tiers.Length];
        Span<float> f = stackalloc float[HotColdFeatures.Count];
        taken.Clear();
        for (int t = 0; t < tiers.Length; t++) room[t] = tiers[t].RoomBelowHighWatermark;
        for (int i = 0; i < n; i++)
        {
            HotColdFeatures.Fill(f, candidates[i].AccessCount, candidates[i].AccessIntervalUs, round.PeriodUs);
            score[i] = model.Score(f);
        }
        int k = 0;
        // Cold extents out of tiers above their high watermark.
        for (int i = 0; i < n && k < budget; i++)
        {
            ref readonly MigrationCandidate c = ref candidates[i];
            if (c.Kind != CandidateKind.ColdOnFast || score[i] > 0 || room[c.CurrentTier] >= 0) continue;
            decisions[k++] = new MigrationDecision(c.ExtentIndex, c.CurrentTier, c.CurrentTier + 1);
            room[c.CurrentTier] += c.Bytes;
            taken[i] = true;
        }
        // Hot extents up, swapping with cold-classified ones when needed.
        for (int i = 0; i < n && k < budget; i++)
        {
            ref readonly MigrationCandidate c = ref candidates[i];
            if (c.Kind != CandidateKind.HotOnSlow || c.CurrentTier == 0 || score[i] <= 0) continue;
            int target = c.CurrentTier - 1;
            if (room[target] < c.Bytes)
            {
                int victim = -1;
                for (int j = 0; j < n; j++)
                {
                    if (taken[j] || candidates[j].Kind != CandidateKind.ColdOnFast || candidates[j].CurrentTier != target || score[j] > 0) continue;
                    if (victim < 0 || score[j] < score[victim]) victim = j;
                }
                if (victim < 0 || k + 2 > budget) continue;
                taken[victim] = true;
                decisions[k++] = new MigrationDecision(candidates[victim].ExtentIndex, target, target + 1);
                room[target] += c.Bytes;
            }
            decisions[k++] = new MigrationDecision(c.ExtentIndex, c.CurrentTier, target);
            room[target] -= c.Bytes;
        }
        return k;
    }
}
