using System.Runtime.CompilerServices;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Features;
using TieredFs.Agents.Learning;
using TieredFs.Agents.QTables;
using TieredFs.Agents.Rewards;

namespace TieredFs.Agents.Policies;

/// <summary>
/// Harmonia-style migration agent. Per candidate, state (10 bits): decayed access count (3-bit
/// fine bins), recency bin, "access interval under 4 periods", tier position, "tier concerned
/// at its high watermark", and "migrated recently". Actions: keep / promote / demote. Q(keep) is the reference value 0; a
/// move's reward is delayed: the latency it saved (or cost) over the extent's next n accesses
/// compared with its old tier's usual latency, minus the device time the move took, minus a
/// ping-pong penalty if the extent moves again before the reward closes. Joint table:
/// 1024 × 4 floats = 16 KiB.
///
/// Per round: (1) promote hot candidates with positive expected gain, into free room or by
/// swapping with the least-harmful victim when the pair's combined value is positive; (2) with
/// the remaining budget keep room for the placement agent's demand (shared
/// <see cref="TierPressure"/>) by demoting the cold candidates whose demotion hurts least.
/// </summary>
public sealed class HarmoniaMigration : IMigrationPolicy, IAccessObserver, ILearningPolicy, IPersistentPolicy
{
    public const string Kind = "harmonia-migration";
    private const int StateBits = 10;
    private const int ActionBits = 2;
    private const int MaxBatch = 64;

    private readonly QTable _q;
    private readonly PendingRewardTracker _pending;
    private readonly ExperienceRing _finished = new(256);
    private readonly TierLatencyModel _latency = new();
    private readonly TierPressure _pressure;
    private readonly MigrationKnobs _knobs;
    private readonly int _tierCount;
    private readonly float[] _interference = new float[TierLatencyModel.MaxTiers];
    private XorShiftRng _rng;
    private long _events;

    public HarmoniaMigration(int tierCount, TierPressure pressure, ulong seed, MigrationKnobs? knobs = null)
    {
        _knobs = knobs ?? new MigrationKnobs();
        _tierCount = Math.Clamp(tierCount, 1, TierLatencyModel.MaxTiers);
        _pressure = pressure;
        _rng = new XorShiftRng(seed ^ 0x5DEECE66DUL);
        _q = new QTable(StateBits, ActionBits, 0f);
        for (int s = 0; s < _q.StateCount; s++)
        {
            _q.Set(s, (int)MigrationAction.Promote, _knobs.InitialPromoteQ);
            _q.Set(s, (int)MigrationAction.Demote, _knobs.InitialDemoteQ);
        }
        _pending = new PendingRewardTracker(_knobs.TrackerSlots, _finished);
    }

    public string Name => "harmonia";
    public int MaxCandidates => Math.Min(_knobs.MaxCandidates, MaxBatch);
    public QTable Table => _q;
    public int TableBytes => _q.Bytes;
    public int StateBytes => _q.Bytes + _pending.Bytes + _finished.Bytes;

    public static int EncodeState(in MigrationCandidate c, ReadOnlySpan<TierStatus> tiers, double periodUs)
    {
        int concerned = c.Kind == CandidateKind.HotOnSlow ? c.CurrentTier - 1 : c.CurrentTier;
        bool full = (uint)concerned >= (uint)tiers.Length || tiers[concerned].RoomBelowHighWatermark < c.Bytes;
        int s = FeatureBins.AccessCountFine(c.AccessCount);
        s = (s << 2) | FeatureBins.RelativeTime(c.LastAccessAgeUs, periodUs);
        s = (s << 1) | (FeatureBins.RelativeTime(c.AccessIntervalUs, periodUs) <= 1 ? 1 : 0);
        s = (s << 2) | FeatureBins.TierPosition(c.CurrentTier, tiers.Length);
        s = (s << 1) | (full ? 1 : 0);
        s = (s << 1) | (c.SinceLastMigrationUs < 4 * periodUs ? 1 : 0);
        return s;
    }

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        _pressure.EndRound();
        for (int t = 0; t < tiers.Length && t < _interference.Length; t++)
            _interference[t] = TierLatencyModel.InterferenceFactor(tiers[t].Utilization);
        int n = Math.Min(candidates.Length, MaxBatch);
        int budget = Math.Min(round.MaxMigrations, decisions.Length);
        if (n == 0 || budget <= 0 || tiers.Length < 2) return 0;

        Span<int> states = stackalloc int[MaxBatch];
        Span<float> score = stackalloc float[MaxBatch];
        Span<byte> plan = stackalloc byte[MaxBatch];   // MigrationAction per candidate
        Span<bool> explore = stackalloc bool[MaxBatch];
        Span<long> room = stackalloc long[TierPressure.MaxTiers];
        plan.Clear();
        for (int t = 0; t < tiers.Length - 1 && t < room.Length; t++)
            room[t] = tiers[t].RoomBelowHighWatermark - (long)(_pressure.DemandPerRound(t) * _knobs.DemandRoundsReserved);

        // Explore at most one candidate per round: exploring every candidate independently
        // would spend a large share of the (expensive) move budget on random moves.
        explore.Clear();
        if (_rng.NextDouble() < _knobs.Epsilon) explore[_rng.NextInt(n)] = true;
        for (int i = 0; i < n; i++)
        {
            ref readonly MigrationCandidate c = ref candidates[i];
            states[i] = EncodeState(c, tiers, round.PeriodUs);
            if (c.Kind == CandidateKind.HotOnSlow && c.CurrentTier > 0)
                score[i] = _q.Get(states[i], (int)MigrationAction.Promote);
            else if (c.Kind == CandidateKind.ColdOnFast && c.CurrentTier < tiers.Length - 1)
                score[i] = _q.Get(states[i], (int)MigrationAction.Demote);
            else
                score[i] = float.NaN; // not movable in the offered direction
        }

        int used = 0;
        // (1) Promotions in order of expected gain; swaps when the target tier is short. They go
        //     first: their value is known, while room for future placements is a forecast.
        //     Hot candidates come in non-increasing gain, so once a tier can take no more (no
        //     room, and the least-harmful victim is not worth it) no later candidate can use it.
        Span<bool> blocked = stackalloc bool[TierPressure.MaxTiers];
        blocked.Clear();
        while (used < budget)
        {
            int h = BestHot(candidates, score, explore, plan, blocked, n);
            if (h < 0) break;
            float gain = explore[h] ? float.PositiveInfinity : score[h];
            if (!(gain > 0)) break;
            int target = candidates[h].CurrentTier - 1;
            if (room[target] >= candidates[h].Bytes)
            {
                plan[h] = (byte)MigrationAction.Promote;
                room[target] -= candidates[h].Bytes;
                used++;
                continue;
            }
            int v = BestCold(candidates, score, plan, n, target);
            if (v >= 0 && used + 2 <= budget && gain + score[v] > 0)
            {
                plan[v] = (byte)MigrationAction.Demote;
                plan[h] = (byte)MigrationAction.Promote;
                used += 2;
                continue;
            }
            blocked[target] = true;
        }

        // (2) Room ahead of demand, with the budget promotions left: demote the least-harmful
        //     cold extents where a tier is short of the placement agent's expected demand.
        for (int t = 0; t < tiers.Length - 1 && t < room.Length && used < budget; t++)
        {
            while (room[t] < 0 && used < budget)
            {
                int v = BestCold(candidates, score, plan, n, t);
                if (v < 0) break;
                plan[v] = (byte)MigrationAction.Demote;
                room[t] += candidates[v].Bytes;
                used++;
            }
        }

        // (3) Exploration and learned-beneficial demotions with the remaining budget.
        for (int i = 0; i < n && used < budget; i++)
        {
            if (plan[i] != 0 || candidates[i].Kind != CandidateKind.ColdOnFast || float.IsNaN(score[i])) continue;
            if (explore[i] || score[i] > 0) { plan[i] = (byte)MigrationAction.Demote; used++; }
        }

        return Emit(candidates, states, plan, n, decisions);
    }

    private static int BestCold(ReadOnlySpan<MigrationCandidate> c, Span<float> score, Span<byte> plan, int n, int tier)
    {
        int best = -1;
        for (int i = 0; i < n; i++)
        {
            if (plan[i] != 0 || c[i].Kind != CandidateKind.ColdOnFast || c[i].CurrentTier != tier || float.IsNaN(score[i])) continue;
            if (best < 0 || score[i] > score[best]) best = i;
        }
        return best;
    }

    private static int BestHot(ReadOnlySpan<MigrationCandidate> c, Span<float> score, Span<bool> explore, Span<byte> plan, Span<bool> blocked, int n)
    {
        int best = -1;
        float bestScore = float.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            if (plan[i] != 0 || c[i].Kind != CandidateKind.HotOnSlow || float.IsNaN(score[i])) continue;
            if ((uint)(c[i].CurrentTier - 1) < (uint)blocked.Length && blocked[c[i].CurrentTier - 1]) continue;
            float s = explore[i] ? float.PositiveInfinity : score[i];
            if (best < 0 || s > bestScore) { best = i; bestScore = s; }
        }
        return best;
    }

    /// <summary>Demotions first (they free the room promotions need), then promotions.</summary>
    private int Emit(ReadOnlySpan<MigrationCandidate> c, Span<int> states, Span<byte> plan, int n, Span<MigrationDecision> decisions)
    {
        int k = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            var want = pass == 0 ? MigrationAction.Demote : MigrationAction.Promote;
            for (int i = 0; i < n && k < decisions.Length; i++)
            {
                if (plan[i] != (byte)want) continue;
                int to = want == MigrationAction.Promote ? c[i].CurrentTier - 1 : c[i].CurrentTier + 1;
                decisions[k++] = new MigrationDecision(c[i].ExtentIndex, c[i].CurrentTier, to);
                _pending.Add(c[i].ExtentIndex, states[i], (int)want, c[i].CurrentTier, to, 0f, _events);
            }
        }
        return k;
    }

    public void OnAccess(in AccessEvent access)
    {
        _events++;
        _latency.Observe(access.Tier, access.IsWrite, access.LatencyUs);
        ref PendingDecision p = ref _pending.Find(access.ExtentIndex);
        if (Unsafe.IsNullRef(ref p)) return;
        // Latency saved versus leaving the extent where it was.
        p.Reward += _latency.NormalisedGain(p.FromTier, _tierCount, access.IsWrite, access.LatencyUs);
        if (++p.Accesses >= _knobs.RewardAccesses) _pending.Finish(ref p);
    }

    public void OnMigrated(in MigrationEvent m)
    {
        ref PendingDecision p = ref _pending.Find(m.ExtentIndex);
        if (Unsafe.IsNullRef(ref p)) return;
        if (!p.Costed && m.Cause == MigrationCause.Planned && m.FromTier == p.FromTier && m.ToTier == p.ToTier)
        {
            p.Costed = true;
            // Device time spent moving, in gap units, weighted by how much it delays foreground I/O.
            float interference = Math.Max(Interference(m.FromTier), Interference(m.ToTier));
            p.Reward -= _knobs.MigrationCostWeight * interference * (float)(m.DurationUs / _latency.Gap(_tierCount));
            return;
        }
        // Moved again before the reward closed: the earlier move was (partly) wasted.
        p.Reward -= _knobs.PingPongPenalty;
        _pending.Finish(ref p);
    }

    private float Interference(int tier) => (uint)tier < (uint)_interference.Length && _interference[tier] > 0 ? _interference[tier] : 1f;

    public int Learn()
    {
        _pending.ExpireOlderThan(_events, _knobs.HorizonEvents);
        int n = 0;
        while (_finished.TryTake(out Experience e))
        {
            QLearning.Apply(_q, e, _knobs.Alpha, 0f);
            n++;
        }
        return n;
    }

    public void Save(Stream destination) => QTableFile.Save(destination, Kind, [_q]);

    public void Load(Stream source) => QTableFile.Load(source, Kind, [_q]);
}
