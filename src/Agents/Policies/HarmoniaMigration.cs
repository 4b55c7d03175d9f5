using System.Runtime.CompilerServices;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Features;
using TieredFs.Agents.Learning;
using TieredFs.Agents.QTables;
using TieredFs.Agents.Rewards;

namespace TieredFs.Agents.Policies;

/// <summary>
/// Harmonia-style migration agent. Per candidate, state (10 bits): candidate kind, the engine's
/// predicted benefit-to-cost ratio of the move (3-bit log bins; benefit = accesses expected over
/// the horizon × the latency gap measured on this volume, cost = measured device time of a move),
/// decayed touch count, tier position, "target tier past its high watermark", "gone quiet" (no
/// access for several of its usual intervals: its heat is falling, so the heat-based prediction
/// overstates what it will be worth — the state that tells a cooling hot set from a rising one).
/// Actions: keep / promote / demote. The value of a move is the engine's predicted net value
/// (benefit − cost, µs) plus Q(state, move) × the move's cost: Q learns, per state, how wrong
/// the prediction is. The correction is bounded (<see cref="MigrationKnobs.MaxRaise"/>,
/// <see cref="MigrationKnobs.MaxCut"/>) and fades back to 0 unless experience renews it
/// (<see cref="MigrationKnobs.CorrectionHalfLifeRounds"/>): errors measured in one regime (a hot
/// set still warming up, promotions whose reward window spanned a shift of the hot zone) must
/// neither make the agent trade a hot set for a cold one in the next nor stop it from ever
/// trying a move again. Moves the engine did not carry out teach nothing. Its reward is the
/// realised net value — the latency the extent's accesses
/// over the next <see cref="MigrationKnobs.HorizonRounds"/> rounds saved (or lost) against its old
/// tier, minus the device time the move took, minus a ping-pong penalty if it moved again
/// meanwhile — minus the prediction, in units of the move's cost. Q starts at 0 (trust the
/// prediction) and learning corrects it from the device: where moving pays less than predicted
/// the agent learns to stop. Joint table: 1024 × 4 floats = 16 KiB.
///
/// Per round: (1) keep room for the placement agent's demand (shared <see cref="TierPressure"/>)
/// by demoting the least-harmful cold candidates; (2) promotions in order of learned value, into
/// free room or by swapping with the least-harmful victim when the pair's combined value (µs)
/// clears the swap margin.
/// </summary>
public sealed class HarmoniaMigration : IMigrationPolicy, IAccessObserver, ILearningPolicy, IPersistentPolicy
{
    public const string Kind = "harmonia-migration-v3";
    private const int StateBits = 10;
    private const int ActionBits = 2;
    private const int MaxBatch = 128;

    private readonly QTable _q;
    private readonly PendingRewardTracker _pending;
    private readonly ExperienceRing _finished = new(512);
    private readonly TierLatencyModel _latency = new();
    private readonly TierPressure _pressure;
    private readonly MigrationKnobs _knobs;
    private readonly float _fade;
    private XorShiftRng _rng;
    private long _round;

    public HarmoniaMigration(int tierCount, TierPressure pressure, ulong seed, MigrationKnobs? knobs = null)
    {
        _knobs = knobs ?? new MigrationKnobs();
        _pressure = pressure;
        _rng = new XorShiftRng(seed ^ 0x5DEECE66DUL);
        // Q learns how far the engine's prediction is off, per state: 0 = trust it as it is.
        _q = new QTable(StateBits, ActionBits, 0f);
        _pending = new PendingRewardTracker(_knobs.TrackerSlots, _finished);
        _fade = _knobs.CorrectionHalfLifeRounds > 0 ? (float)double.Exp2(-1 / _knobs.CorrectionHalfLifeRounds) : 1f;
    }

    public string Name => "harmonia";
    public int MaxCandidates => Math.Min(_knobs.MaxCandidates, MaxBatch);
    public QTable Table => _q;
    public int TableBytes => _q.Bytes;
    public int StateBytes => _q.Bytes + _pending.Bytes + _finished.Bytes;

    /// <summary>Benefit-to-cost ratio bins: &lt;½, &lt;1, &lt;2, &lt;4, &lt;8, &lt;16, &lt;64, more.</summary>
    public static int RatioBin(in MigrationCandidate c)
    {
        double cost = c.MoveCostUs > 1 ? c.MoveCostUs : 1;
        // A promotion's benefit and a demotion's loss, as magnitudes; a promotion that would not
        // gain (no measured gap) is in the lowest bin.
        double r = (c.Kind == CandidateKind.HotOnSlow ? Math.Max(0, c.BenefitUs) : Math.Abs(Math.Min(0, c.BenefitUs))) / cost;
        return r < 0.5 ? 0 : r < 1 ? 1 : r < 2 ? 2 : r < 4 ? 3 : r < 8 ? 4 : r < 16 ? 5 : r < 64 ? 6 : 7;
    }

    public static int EncodeState(in MigrationCandidate c, ReadOnlySpan<TierStatus> tiers, double periodUs)
    {
        bool cold = c.Kind == CandidateKind.ColdOnFast;
        int target = cold ? c.CurrentTier + 1 : c.CurrentTier - 1;
        bool full = (uint)target >= (uint)tiers.Length || tiers[target].RoomBelowHighWatermark < c.Bytes;
        int s = cold ? 1 : 0;
        s = (s << 3) | RatioBin(c);
        s = (s << 2) | FeatureBins.AccessCount(c.AccessCount);
        s = (s << 2) | FeatureBins.TierPosition(c.CurrentTier, tiers.Length);
        s = (s << 1) | (full ? 1 : 0);
        s = (s << 1) | (GoneQuiet(c, periodUs) ? 1 : 0);
        return s;
    }

    /// <summary>
    /// No access for four of its usual touch intervals (at least four periods), or never
    /// accessed: what heat says of it is about the past.
    /// </summary>
    public static bool GoneQuiet(in MigrationCandidate c, double periodUs)
    {
        if (c.LastAccessAgeUs < 0) return true;
        double period = periodUs > 0 ? periodUs : 1_000_000.0;
        return c.LastAccessAgeUs > 4 * Math.Max(c.AccessIntervalUs, period);
    }

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        _round = round.Round;
        _pressure.EndRound();
        _pending.ExpireOlderThan(_round, _knobs.HorizonRounds);
        int n = Math.Min(candidates.Length, MaxBatch);
        int budget = Math.Min(round.MaxMigrations, decisions.Length);
        if (n == 0 || budget <= 0 || tiers.Length < 2) return 0;

        Span<int> states = stackalloc int[MaxBatch];
        Span<float> value = stackalloc float[MaxBatch];  // learned value of the offered move, µs
        Span<byte> plan = stackalloc byte[MaxBatch];     // MigrationAction per candidate
        Span<long> room = stackalloc long[TierPressure.MaxTiers];
        plan.Clear();
        for (int t = 0; t < tiers.Length - 1 && t < room.Length; t++)
        {
            // Room kept for the placement agent's demand, at most a small share of the tier: a
            // burst of writes (a bulk copy) must not make the agent empty the tier ahead of it.
            double reserve = Math.Min(_pressure.DemandPerRound(t) * _knobs.DemandRoundsReserved,
                tiers[t].CapacityBytes * _knobs.MaxReservedFraction);
            room[t] = tiers[t].RoomBelowHighWatermark - (long)reserve;
        }

        for (int i = 0; i < n; i++)
        {
            ref readonly MigrationCandidate c = ref candidates[i];
            states[i] = EncodeState(c, tiers, round.PeriodUs);
            // Value of the move (µs): the engine's prediction plus the learned correction for states
            // like this one, in units of the move's cost.
            float cost = Cost(c);
            if (c.Kind == CandidateKind.HotOnSlow && c.CurrentTier > 0)
                value[i] = (float)c.NetUs + Correction(states[i], MigrationAction.Promote) * cost;
            else if (c.Kind == CandidateKind.ColdOnFast && c.CurrentTier < tiers.Length - 1)
                value[i] = (float)c.NetUs + Correction(states[i], MigrationAction.Demote) * cost;
            else
                value[i] = float.NaN; // not movable in the offered direction
        }
        // Explore at most one promotion the table advises against per round: random moves are
        // expensive, and one is enough to keep every state's estimate honest over time.
        int explore = -1;
        if (_rng.NextDouble() < _knobs.Epsilon)
        {
            int i = _rng.NextInt(n);
            if (candidates[i].Kind == CandidateKind.HotOnSlow && value[i] <= 0) explore = i;
        }

        int used = 0;
        // (1) Room ahead of demand, first: demote the least-harmful cold extents where a tier is
        //     short of the placement agent's expected demand (or past its high watermark). Done
        //     before promotions, or they take the budget and the room, new writes land on the slow
        //     tier, are read there and promoted at the slow device's expense (live ingest bench).
        for (int t = 0; t < tiers.Length - 1 && t < room.Length && used < budget; t++)
        {
            while (room[t] < 0 && used < budget)
            {
                int v = BestCold(candidates, value, plan, n, t);
                if (v < 0) break;
                plan[v] = (byte)MigrationAction.Demote;
                room[t] += candidates[v].Bytes;
                used++;
            }
        }
        // (2) Promotions by learned value; swaps when the target tier has no room.
        Span<bool> blocked = stackalloc bool[TierPressure.MaxTiers];
        blocked.Clear();
        while (used < budget)
        {
            int h = BestHot(candidates, value, plan, blocked, n, explore);
            if (h < 0) break;
            float gain = h == explore ? float.PositiveInfinity : value[h];
            if (!(gain > 0)) break;
            int target = candidates[h].CurrentTier - 1;
            if (room[target] >= candidates[h].Bytes)
            {
                plan[h] = (byte)MigrationAction.Promote;
                room[target] -= candidates[h].Bytes;
                used++;
                continue;
            }
            int v = BestCold(candidates, value, plan, n, target);
            // A swap spends two moves: it must return their cost again on top (uncertainty
            // margin), so lukewarm extents are not traded for one another.
            if (v >= 0 && used + 2 <= budget
                && gain + value[v] > _knobs.SwapReturnMargin * (Cost(candidates[h]) + Cost(candidates[v])))
            {
                plan[v] = (byte)MigrationAction.Demote;
                plan[h] = (byte)MigrationAction.Promote;
                used += 2;
                continue;
            }
            blocked[target] = true;
        }

        return Emit(candidates, states, plan, n, decisions);
    }

    /// <summary>The learned error of the prediction in this state, in move costs, within its bounds.</summary>
    private float Correction(int state, MigrationAction action) =>
        Math.Clamp(_q.Get(state, (int)action), -_knobs.MaxCut, _knobs.MaxRaise);

    private static float Cost(in MigrationCandidate c) => (float)Math.Max(1, c.MoveCostUs);

    private static int BestCold(ReadOnlySpan<MigrationCandidate> c, Span<float> value, Span<byte> plan, int n, int tier)
    {
        int best = -1;
        for (int i = 0; i < n; i++)
        {
            if (plan[i] != 0 || c[i].Kind != CandidateKind.ColdOnFast || c[i].CurrentTier != tier || float.IsNaN(value[i])) continue;
            if (best < 0 || value[i] > value[best]) best = i;
        }
        return best;
    }

    private static int BestHot(ReadOnlySpan<MigrationCandidate> c, Span<float> value, Span<byte> plan, Span<bool> blocked, int n, int explore)
    {
        int best = -1;
        float bestValue = float.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            if (plan[i] != 0 || c[i].Kind != CandidateKind.HotOnSlow || float.IsNaN(value[i])) continue;
            if ((uint)(c[i].CurrentTier - 1) < (uint)blocked.Length && blocked[c[i].CurrentTier - 1]) continue;
            float v = i == explore ? float.PositiveInfinity : value[i];
            if (best < 0 || v > bestValue) { best = i; bestValue = v; }
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
                // The reward is what the move realises minus what was predicted: Q learns the
                // prediction's error in this state.
                _pending.Add(c[i].ExtentIndex, states[i], (int)want, c[i].CurrentTier, to, -(float)c[i].NetUs, _round,
                    Cost(c[i]), keepOlder: true);
            }
        }
        return k;
    }

    public void OnAccess(in AccessEvent access)
    {
        _latency.Observe(access.Tier, access.IsWrite, access.LatencyUs);
        ref PendingDecision p = ref _pending.Find(access.ExtentIndex);
        if (Unsafe.IsNullRef(ref p)) return;
        // Latency saved (µs) versus leaving the extent where it was.
        p.Reward += (float)(_latency.Expected(p.FromTier, access.IsWrite) - access.LatencyUs);
        if (p.Accesses < byte.MaxValue) p.Accesses++;
    }

    public void OnMigrated(in MigrationEvent m)
    {
        ref PendingDecision p = ref _pending.Find(m.ExtentIndex);
        if (Unsafe.IsNullRef(ref p)) return;
        if (!p.Costed && m.Cause == MigrationCause.Planned && m.FromTier == p.FromTier && m.ToTier == p.ToTier)
        {
            p.Costed = true;
            p.Reward -= (float)m.DurationUs;
            return;
        }
        // Moved again before the reward closed: the earlier move was (partly) wasted.
        p.Reward -= _knobs.PingPongPenalty * p.Scale;
        _pending.Finish(ref p);
    }

    public int Learn()
    {
        // The engine carries out a round's moves before it calls Learn: what it did not carry out
        // is not evidence about the move.
        _pending.DropNotCarriedOut(_round);
        _q.Scale(_fade);
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
