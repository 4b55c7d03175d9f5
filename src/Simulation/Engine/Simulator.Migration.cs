using TieredFs.Agents.Abstractions;

namespace TieredFs.Simulation.Engine;

/// <summary>The periodic migration round: candidate collection, planning, execution, learning.</summary>
public sealed partial class Simulator
{
    private readonly int[] _slowRing;
    private long _slowRingCount;
    private readonly MigrationCandidate[] _candidates;
    private readonly int[] _candidateStamp;
    private int _candidateStampValue;
    private readonly long[] _lookahead;
    private readonly MigrationDecision[] _decisions;

    private void MigrationRound(int request, double now, long round)
    {
        IMigrationPolicy policy = _policies.Migration;
        if (_candidates.Length > 0 && _o.MaxMigrationsPerRound > 0)
        {
            int k = CollectCandidates(request, now, policy);
            var info = new MigrationRound(round, _periodUs, _o.MaxMigrationsPerRound);
            int m = policy.PlanMigrations(info, _candidates.AsSpan(0, k), Status(), _decisions);
            Execute(_decisions.AsSpan(0, Math.Min(m, _decisions.Length)), now);
        }
        foreach (ILearningPolicy l in _learners) l.Learn();
    }

    private void Execute(ReadOnlySpan<MigrationDecision> decisions, double now)
    {
        foreach (MigrationDecision d in decisions)
        {
            if ((ulong)d.ExtentIndex >= (ulong)_tierOf.Length) continue;
            int e = (int)d.ExtentIndex;
            if (_tierOf[e] != d.FromTier || d.ToTier == d.FromTier || (uint)d.ToTier >= (uint)_tierCount) continue;
            int evictions = 0;
            if (!MakeRoom(d.ToTier, now, e, ref evictions)) continue;
            Move(e, d.ToTier, now, MigrationCause.Planned);
        }
    }

    /// <summary>
    /// Up to half the slots: extents accessed on slower tiers since recently, most recent first
    /// (plus, for a future-aware policy, those about to be accessed); the rest: the least
    /// recently used extents of each faster tier, coldest first.
    /// </summary>
    private int CollectCandidates(int request, double now, IMigrationPolicy policy)
    {
        _candidateStampValue++;
        int max = _candidates.Length;
        int hotQuota = max / 2;
        int k = 0;
        if (policy is IFutureAware aware && _future is not null)
        {
            int c = _future.UpcomingExtents(aware.LookaheadRequests, _lookahead);
            for (int j = 0; j < c && k < hotQuota; j++)
            {
                int e = (int)_lookahead[j];
                if (_tierOf[e] > 0) TryAdd(ref k, e, CandidateKind.HotOnSlow, request, now);
            }
        }
        long oldest = Math.Max(0, _slowRingCount - _slowRing.Length);
        for (long j = _slowRingCount - 1; j >= oldest && k < hotQuota; j--)
        {
            int e = _slowRing[j & (_slowRing.Length - 1)];
            if (_tierOf[e] > 0) TryAdd(ref k, e, CandidateKind.HotOnSlow, request, now);
        }
        int fasterTiers = _tierCount - 1;
        for (int t = 0; t < fasterTiers; t++)
        {
            int quota = (max - k) / (fasterTiers - t);
            int taken = 0;
            for (int e = _lru.Tail(t); e >= 0 && taken < quota; e = _lru.Previous(e))
            {
                if (TryAdd(ref k, e, CandidateKind.ColdOnFast, request, now)) taken++;
            }
        }
        return k;
    }

    private bool TryAdd(ref int k, int e, CandidateKind kind, int request, double now)
    {
        if (_candidateStamp[e] == _candidateStampValue || k >= _candidates.Length) return false;
        _candidateStamp[e] = _candidateStampValue;
        double sinceMigration = now - _lastMigrationUs[e];
        _candidates[k++] = new MigrationCandidate(e, _tierOf[e], kind,
            _extentHistory.Count(e, request),
            _extentHistory.AgeUs(e, now),
            _extentHistory.IntervalUs(e),
            double.IsInfinity(sinceMigration) ? double.MaxValue : sinceMigration,
            _extentBytes);
        return true;
    }
}
