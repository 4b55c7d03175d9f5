using TieredFs.Agents.Abstractions;

namespace TieredFs.Engine.Tests.Infrastructure;

/// <summary>One move the engine asked for and the mechanism carried out, in order.</summary>
public readonly record struct MoveRecord(int Sequence, ExtentId Id, int From, int To, double AtUs)
{
    public bool IsPromotion => To < From;
}

/// <summary>
/// The engine's other collaborator in tests: an extent → tier map with capacities counted in
/// extents, file pins (by inode, as a live volume pins files), and a Move that keeps the map's
/// invariants, records every move in order and takes a fixed time. Nothing here decides anything.
/// </summary>
public sealed class InMemoryTiers : ITieringMechanism
{
    private readonly long[] _capacity;
    private readonly Dictionary<long, int> _tierOf = [];
    private readonly SortedSet<long>[] _residents;
    private readonly long[] _cursor;
    private readonly Dictionary<ulong, int> _pins = [];
    private readonly List<MoveRecord> _moves = [];
    private readonly IEngineClock? _clock;

    public InMemoryTiers(long extentBytes, long[] capacityExtents, IEngineClock? clock = null)
    {
        if (capacityExtents.Length == 0) throw new ArgumentException("at least one tier");
        ExtentBytes = extentBytes;
        _capacity = (long[])capacityExtents.Clone();
        _residents = new SortedSet<long>[capacityExtents.Length];
        for (int t = 0; t < _residents.Length; t++) _residents[t] = [];
        _cursor = new long[capacityExtents.Length];
        Array.Fill(_cursor, long.MinValue);
        _clock = clock;
    }

    public int TierCount => _capacity.Length;

    public long ExtentBytes { get; }

    /// <summary>Device time every move reports (µs).</summary>
    public double MoveDurationUs { get; set; } = 10_000;

    /// <summary>Device time a demotion reports, when it differs from a promotion's (a fast source reads quickly).</summary>
    public double? DemotionDurationUs { get; set; }

    /// <summary>
    /// Watermarks every tier reports. By default a tier is "full" only at capacity (1.0, so the
    /// engine never drains it and a test's tiny tier means what it says); policy-level runs set
    /// the realistic 0.95 / 0.85 (<see cref="EngineHarness.WithRealisticWatermarks"/>).
    /// </summary>
    public double HighWatermark { get; set; } = 1.0;

    public double LowWatermark { get; set; } = 0.9;

    /// <summary>Extents whose Move the mechanism refuses as <see cref="MoveResult.Pinned"/> (a pin that arrived after the engine looked).</summary>
    public HashSet<ExtentId> RefuseAsPinned { get; } = [];

    /// <summary>Every move carried out, in order.</summary>
    public IReadOnlyList<MoveRecord> Moves => _moves;

    /// <summary>How many times the engine called Move (carried out or not).</summary>
    public int MoveCalls { get; private set; }

    public long CapacityExtents(int tier) => _capacity[tier];

    public int Count(int tier) => _residents[tier].Count;

    public IEnumerable<ExtentId> ResidentsOf(int tier) => _residents[tier].Select(v => new ExtentId(v));

    public int FreeExtents(int tier) => (int)(_capacity[tier] - _residents[tier].Count);

    /// <summary>Puts a new extent on a tier (the initial layout, or a placement the engine chose).</summary>
    public void Add(ExtentId id, int tier)
    {
        if (_tierOf.ContainsKey(id.Value)) throw new InvalidOperationException($"{id} already exists");
        if (_residents[tier].Count >= _capacity[tier]) throw new InvalidOperationException($"tier {tier} is full");
        _tierOf[id.Value] = tier;
        _residents[tier].Add(id.Value);
    }

    public void PinFile(ulong ino, int tier) => _pins[ino] = tier;

    public void UnpinFile(ulong ino) => _pins.Remove(ino);

    public void TierStatuses(Span<TierStatus> destination)
    {
        for (int t = 0; t < _capacity.Length && t < destination.Length; t++)
            destination[t] = new TierStatus(_capacity[t] * ExtentBytes, _residents[t].Count * ExtentBytes, HighWatermark, LowWatermark);
    }

    public TierStatus[] TierStatuses()
    {
        var s = new TierStatus[TierCount];
        TierStatuses(s);
        return s;
    }

    public int TierOf(ExtentId id) => _tierOf.TryGetValue(id.Value, out int t) ? t : -1;

    public int PinnedTier(ExtentId id) => _pins.TryGetValue(id.Ino, out int t) ? t : -1;

    public int SampleResident(int rank, Span<ExtentId> destination)
    {
        if (destination.IsEmpty || (uint)rank >= (uint)TierCount) return 0;
        var set = _residents[rank];
        int n = 0;
        if (set.Count > 0 && _cursor[rank] < set.Max)
        {
            foreach (long v in set.GetViewBetween(_cursor[rank] + 1, set.Max))
            {
                destination[n++] = new ExtentId(v);
                if (n == destination.Length) break;
            }
        }
        // Like the live volume: a short sample means the end was reached; start over next time.
        _cursor[rank] = n < destination.Length ? long.MinValue : destination[n - 1].Value;
        return n;
    }

    public int SamplePinnedMisplaced(Span<ExtentId> destination)
    {
        int n = 0;
        foreach (var (value, tier) in _tierOf.OrderBy(kv => kv.Key))
        {
            if (n == destination.Length) break;
            var id = new ExtentId(value);
            int pin = PinnedTier(id);
            if (pin >= 0 && pin != tier) destination[n++] = id;
        }
        return n;
    }

    /// <summary>Part of a move's duration spent on its source tier.</summary>
    public const double SourceShare = 0.9;

    public MoveReport Move(ExtentId id, int fromTier, int toTier)
    {
        MoveCalls++;
        if (!_tierOf.TryGetValue(id.Value, out int current) || current != fromTier)
            return new MoveReport(MoveResult.Stale, 0);
        if ((uint)toTier >= (uint)TierCount || toTier == fromTier)
            return new MoveReport(MoveResult.Failed, 0);
        int pin = PinnedTier(id);
        if (RefuseAsPinned.Contains(id) || (pin >= 0 && pin != toTier))
            return new MoveReport(MoveResult.Pinned, 0);
        if (_residents[toTier].Count >= _capacity[toTier])
            return new MoveReport(MoveResult.TargetFull, 0);
        _residents[fromTier].Remove(id.Value);
        _residents[toTier].Add(id.Value);
        _tierOf[id.Value] = toTier;
        _moves.Add(new MoveRecord(_moves.Count, id, fromTier, toTier, _clock?.NowUs ?? double.NaN));
        // The read leg on the source dominates (a slow tier), the write leg on the target is short.
        double duration = toTier > fromTier && DemotionDurationUs is double d ? d : MoveDurationUs;
        return new MoveReport(MoveResult.Moved, duration, SourceShare * duration, (1 - SourceShare) * duration);
    }
}
