using TieredFs.Agents.Abstractions;

namespace TieredFs.Engine;

/// <summary>
/// The one tiering engine. It keeps the heat of extents, asks the placement policy where new
/// extents go, and each round offers the migration policy admitted candidates, holds back
/// moves that would undo recent ones or break a pin, makes room for promotions with its one
/// eviction order, spends a device-time budget per tier, and tells the policies what happened.
/// It owns no files, clocks or threads: the live volume and the simulator drive it through
/// <see cref="ITieringMechanism"/> and <see cref="IEngineClock"/>, so a policy behaves the same
/// in both. Thread-safe: placement may be asked from I/O threads while one thread runs rounds;
/// moves themselves run outside the engine's lock.
/// </summary>
public sealed partial class TieringEngine
{
    private readonly object _gate = new();
    private readonly ITieringMechanism _mechanism;
    private readonly IEngineClock _clock;
    private readonly EngineOptions _o;
    private readonly IAccessObserver[] _observers;
    private readonly ILearningPolicy[] _learners;
    private readonly HeatTable _heat;
    private readonly TierMeter _meter;
    private readonly MoveBudget _budget;
    private readonly TierStatus[] _status;
    private double _lastRoundUs;
    private double _periodUs;
    private HeatPopulation _population = new(0, 0, 1);

    public TieringEngine(PolicySet policies, ITieringMechanism mechanism, IEngineClock clock, EngineOptions? options = null)
    {
        _o = options ?? new EngineOptions();
        _o.Validate();
        Policies = policies;
        _mechanism = mechanism;
        _clock = clock;
        _observers = policies.Observers().ToArray();
        _learners = policies.Learners().ToArray();
        int tiers = mechanism.TierCount;
        _heat = new HeatTable(_o.HeatHalfLifeUs, _o.TouchWindowUs, _o.MaxTracked, _o.MinResidencyUs, _o.RecentHalfLifeUs);
        _meter = new TierMeter(tiers, _o.InitialMoveUsPerMiB * mechanism.ExtentBytes / (1 << 20));
        _budget = new MoveBudget(tiers, _o);
        _status = new TierStatus[tiers];
        _candidates = new CandidateSet(tiers);
        _lastRoundUs = clock.NowUs;
        _periodUs = 1_000_000;
    }

    public PolicySet Policies { get; }

    public EngineOptions Options => _o;

    public EngineStats Stats { get; } = new();

    /// <summary>Changes the byte budget of moves (config reload); 0 stops moving.</summary>
    public void SetBytesPerSecond(long bytesPerSecond)
    {
        lock (_gate)
            _budget.BytesPerSecond = Math.Max(0, bytesPerSecond);
    }

    /// <summary>The last round's heat population (shrinkage weight: 0 = all extents alike, 1 = trust each extent's own heat).</summary>
    public HeatPopulation Population => _population;

    /// <summary>Measured per-tier latency, utilisation and move cost.</summary>
    public TierMeter Meter => _meter;

    /// <summary>Extents with heat in memory.</summary>
    public int TrackedExtents { get { lock (_gate) return _heat.Count; } }

    /// <summary>
    /// Whether rounds can move anything: a budget and two tiers. Even a policy that never moves
    /// (static) gets rounds, because pinning a file moves its extents to the pinned tier.
    /// </summary>
    public bool Migrates => _budget.Enabled && _mechanism.TierCount > 1;

    /// <summary>
    /// Tier for an extent that has none yet. Never evicts on the caller's thread: a policy that
    /// names a tier past its high watermark gets the next slower tier below its own (then the
    /// named tier if it has any room, then any tier with room), and the migration side makes
    /// room later. −1 when every tier is full.
    /// </summary>
    public int Place(ExtentId id, int requestBytes, bool isWrite, ReadOnlySpan<TierStatus> tiers)
    {
        int rank;
        lock (_gate)
        {
            var request = new PlacementRequest(id.Value, requestBytes, isWrite, CurrentTier: -1, _mechanism.ExtentBytes)
            {
                PeriodUs = _periodUs,
            };
            // A new extent has no history of its own; its predecessor in the file usually does.
            if (_heat.TryGetSlot(new ExtentId(id.Value - 1), out int prev))
            {
                double now = _clock.NowUs;
                request = request with { AccessCount = _heat.Touches(prev, now), AccessIntervalUs = _heat.TouchIntervalUs(prev) };
            }
            rank = Policies.Placement.ChooseTier(in request, tiers);
        }
        long need = _mechanism.ExtentBytes;
        // A tier past its high watermark takes no new extents while a slower one has room below
        // its own (README: "new extents go elsewhere once a tier is this full"); filling it to
        // capacity would only make the watermark drain move them again.
        if ((uint)rank < (uint)tiers.Length && tiers[rank].RoomBelowHighWatermark >= need)
            return rank;
        for (int t = Math.Max(rank + 1, 0); t < tiers.Length; t++)
            if (tiers[t].RoomBelowHighWatermark >= need) return t;
        if ((uint)rank < (uint)tiers.Length && tiers[rank].RoomBelowCapacity >= need)
            return rank;
        for (int t = 0; t < tiers.Length; t++)
            if (tiers[t].RoomBelowCapacity >= need) return t;
        return -1;
    }

    /// <summary>Feeds served accesses into heat, the tier meter and the policies' feedback.</summary>
    public void RecordAccesses(ReadOnlySpan<EngineAccess> accesses)
    {
        lock (_gate)
        {
            foreach (ref readonly EngineAccess a in accesses)
                RecordUnsynchronized(in a);
        }
    }

    public void RecordAccess(in EngineAccess access)
    {
        lock (_gate)
            RecordUnsynchronized(in access);
    }

    private void RecordUnsynchronized(in EngineAccess a)
    {
        Stats.AccessesObserved++;
        _heat.RecordAccess(a.Id, a.Tier, a.TimeUs);
        _meter.ObserveAccess(a.Tier, a.IsWrite, a.LatencyUs);
        if (_observers.Length == 0) return;
        var ev = new AccessEvent(a.Id.Value, a.Tier, a.IsWrite, a.Bytes, a.LatencyUs, 0);
        foreach (IAccessObserver o in _observers) o.OnAccess(in ev);
    }

    /// <summary>Runs <paramref name="action"/> with every policy call excluded (saving or loading learned tables).</summary>
    public void WithPoliciesLocked(Action<PolicySet> action)
    {
        lock (_gate)
            action(Policies);
    }
}
