using TieredFs.Agents.Abstractions;

namespace TieredFs.Engine;

// The periodic round: measure, collect candidates, plan, execute within budget, learn.
public sealed partial class TieringEngine
{
    private const int PinBatch = 32;
    private readonly CandidateSet _candidates;
    private readonly HashSet<long> _busy = [];
    private readonly ExtentId[] _sample = new ExtentId[256];
    private readonly List<(double Value, int Slot)> _hot = [];
    private readonly List<(double Value, int Slot)> _cold = [];
    private MigrationDecision[] _decisions = new MigrationDecision[64];
    private long _round;

    /// <summary>
    /// Simulator only: writes the extents that will be accessed soonest and returns how many;
    /// offered as hot candidates to a policy that implements <see cref="IFutureAware"/>. A live
    /// volume leaves it null.
    /// </summary>
    public Func<Span<ExtentId>, int>? UpcomingHint { get; set; }

    /// <summary>
    /// One round. The live volume calls it every second from its migration thread; the
    /// simulator at the same simulated interval. Returns the number of moves made.
    /// </summary>
    public int RunRound()
    {
        int moved = 0;
        double now;
        int planned;
        lock (_gate)
        {
            now = _clock.NowUs;
            double elapsed = now - _lastRoundUs;
            _lastRoundUs = now;
            _round++;
            Stats.Rounds++;
            if (elapsed > 0)
            {
                _periodUs += 0.2 * (elapsed - _periodUs);
                _meter.EndRound(elapsed);
                _budget.Refill(elapsed, _meter.ForegroundUtilization);
            }
            _heat.Sweep(now, _o.MinResidencyUs);
            RefreshStatus();
            planned = Plan(now);
        }
        if (Migrates)
        {
            moved += MovePinned(now);
            moved += Execute(planned, now);
            if (Policies.Migration.MaxCandidates > 0)
                moved += DrainAboveHighWatermark(now);
        }
        lock (_gate)
        {
            foreach (ILearningPolicy l in _learners) l.Learn();
        }
        return moved;
    }

    private void RefreshStatus()
    {
        _mechanism.TierStatuses(_status);
        for (int t = 0; t < _status.Length; t++)
            _status[t] = _status[t] with { Utilization = _meter.Utilization(t) };
    }

    /// <summary>Collects candidates and asks the migration policy; always called, so policies see every round (learning, demand).</summary>
    private int Plan(double now)
    {
        _candidates.Clear();
        IMigrationPolicy policy = Policies.Migration;
        int maxCandidates = Math.Min(policy.MaxCandidates, _o.MaxCandidates);
        if (maxCandidates <= 0 || _status.Length < 2)
            return 0;
        long resident = 0;
        foreach (var s in _status) resident += s.UsedBytes / _mechanism.ExtentBytes;
        _population = HeatPopulation.Measure(_heat, now, resident);
        if (Migrates)
            Collect(now, maxCandidates);
        Stats.Candidates += _candidates.Count;
        int last = _status.Length - 1;
        double promotionDeviceUs = _meter.DeviceShareOf(last, _meter.MoveUs(last, 0));
        int budget = Migrates ? _budget.MovesAffordable(_mechanism.ExtentBytes, promotionDeviceUs) : 0;
        if (_decisions.Length < _candidates.Count + 1) _decisions = new MigrationDecision[_candidates.Count + 1];
        var round = new MigrationRound(_round, _periodUs, budget);
        int n = policy.PlanMigrations(in round, _candidates.AsSpan(), _status, _decisions);
        n = Math.Clamp(n, 0, _decisions.Length);
        Stats.Planned += n;
        return n;
    }

    /// <summary>
    /// Hot: admitted extents (enough distinct touches) on slower tiers, most valuable first, up to
    /// half the slots. Cold: per faster tier, its eviction order — resident extents never touched
    /// since start, then the least valuable tracked ones. Extents held by hysteresis or pinned
    /// where they are are not offered.
    /// </summary>
    private void Collect(double now, int max)
    {
        int last = _status.Length - 1;
        _hot.Clear();
        _cold.Clear();
        for (int s = 0; s < _heat.Slots; s++)
        {
            if (!_heat.IsUsed(s)) continue;
            int tier = _heat.TierAt(s);
            if ((uint)tier > (uint)last) continue;
            double value = _population.ShrinkHits(_heat.ExpectedHits(s, now));
            if (tier > 0 && _heat.Touches(s, now) >= _o.AdmissionTouches && !Held(s, now, towardFaster: true))
                _hot.Add((value, s));
            if (tier < last && !Held(s, now, towardFaster: false))
                _cold.Add((value, s));
        }
        _hot.Sort((a, b) => b.Value.CompareTo(a.Value));
        _cold.Sort((a, b) => a.Value.CompareTo(b.Value));

        int hotQuota = (max + 1) / 2;
        // Simulator only: a future-aware policy (the Oracle) is offered what is about to be used.
        if (UpcomingHint is { } upcoming && Policies.Migration is IFutureAware)
        {
            int k = upcoming(_sample.AsSpan(0, Math.Min(_sample.Length, hotQuota)));
            for (int i = 0; i < k && _candidates.Count < hotQuota; i++)
            {
                if (_heat.TryGetSlot(_sample[i], out int slot) && _heat.TierAt(slot) > 0 && !Held(slot, now, towardFaster: true))
                    AddTracked(slot, CandidateKind.HotOnSlow, now);
            }
        }
        for (int i = 0; i < _hot.Count && _candidates.Count < hotQuota; i++)
            AddTracked(_hot[i].Slot, CandidateKind.HotOnSlow, now);

        int fasterTiers = last;
        for (int t = 0; t < fasterTiers; t++)
        {
            int quota = (max - _candidates.Count) / (fasterTiers - t);
            int taken = 0;
            // Never touched since start: the coldest there is.
            int sampled = _mechanism.SampleResident(t, _sample.AsSpan(0, Math.Min(_sample.Length, quota)));
            for (int i = 0; i < sampled && taken < quota; i++)
            {
                if (_heat.TryGetSlot(_sample[i], out _)) continue;
                if (AddUntracked(_sample[i], t)) taken++;
            }
            foreach (var (_, slot) in _cold)
            {
                if (taken >= quota) break;
                if (_heat.TierAt(slot) == t && AddTracked(slot, CandidateKind.ColdOnFast, now)) taken++;
            }
        }
    }

    /// <summary>Hysteresis: an extent that moved recently may not move back the other way yet.</summary>
    private bool Held(int slot, double now, bool towardFaster)
    {
        if (now - _heat.MovedUs(slot) >= _o.MinResidencyUs) return false;
        int last = _heat.LastMoveDirection(slot);
        return towardFaster ? last > 0 : last < 0;
    }

    private bool AddTracked(int slot, CandidateKind kind, double now)
    {
        var id = _heat.IdAt(slot);
        int tier = _heat.TierAt(slot);
        // A pinned extent is the engine's to move (to its pin), never a policy's.
        if (_mechanism.PinnedTier(id) >= 0) return false;
        int to = kind == CandidateKind.HotOnSlow ? tier - 1 : tier + 1;
        double hits = _population.ShrinkHits(_heat.ExpectedHits(slot, now));
        double accessesAhead = hits * Math.Log(2) / _o.HeatHalfLifeUs * _o.HorizonUs;
        double benefit = kind == CandidateKind.HotOnSlow
            ? accessesAhead * _meter.GapUs(tier, to)
            : -accessesAhead * _meter.GapUs(to, tier);
        double moved = _heat.MovedUs(slot);
        var c = new MigrationCandidate(id.Value, tier, kind,
            _population.ShrinkTouches(_heat.Touches(slot, now)),
            _heat.LastAccessAgeUs(slot, now),
            _heat.TouchIntervalUs(slot),
            double.IsNegativeInfinity(moved) ? double.MaxValue : now - moved,
            _mechanism.ExtentBytes)
        {
            BenefitUs = benefit,
            MoveCostUs = _meter.MoveUs(tier, to),
        };
        return _candidates.Add(in c, hits);
    }

    private bool AddUntracked(ExtentId id, int tier)
    {
        if (_mechanism.PinnedTier(id) >= 0) return false;
        double hits = _population.ShrinkHits(0);
        double accessesAhead = hits * Math.Log(2) / _o.HeatHalfLifeUs * _o.HorizonUs;
        var c = new MigrationCandidate(id.Value, tier, CandidateKind.ColdOnFast,
            _population.ShrinkTouches(0), -1, 0, double.MaxValue, _mechanism.ExtentBytes)
        {
            BenefitUs = -accessesAhead * _meter.GapUs(tier + 1, tier),
            MoveCostUs = _meter.MoveUs(tier, tier + 1),
        };
        return _candidates.Add(in c, hits);
    }
}
