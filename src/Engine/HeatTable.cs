namespace TieredFs.Engine;

/// <summary>
/// What the engine remembers per extent, as columns over dense slots (one array per field, no
/// object per extent). Heat decays lazily: each value is stored with the time it was last
/// brought up to date and decayed by 2^(−Δt/half-life) when read, so nothing walks the table
/// to age it. Two measures: <b>hits</b> (every access; how much a fast tier would serve) and
/// <b>touches</b> (accesses in distinct windows; how persistently the extent is used — a
/// one-off sequential pass is a single touch). A third, <b>recent hits</b>, decays much faster:
/// it tells an extent that has gone quiet (a hot zone that moved elsewhere) from one still in
/// use long before its hits have decayed.
/// </summary>
public sealed class HeatTable
{
    private const long Free = long.MinValue;
    private readonly Dictionary<long, int> _slotOf = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly double _halfLifeUs;
    private readonly double _touchWindowUs;
    private readonly double _recentHalfLifeUs;
    private readonly int _max;
    private long[] _id = [];
    private float[] _hits = [];
    private float[] _recent = [];
    private float[] _touches = [];
    private double[] _stampUs = [];
    private double[] _touchStartUs = [];
    private float[] _touchIntervalUs = [];
    private double[] _movedUs = [];
    private sbyte[] _moveDirection = [];
    private sbyte[] _tier = [];
    private int _high;
    private int _hand;
    private readonly double _holdUs;

    public HeatTable(double halfLifeUs, double touchWindowUs, int maxTracked, double holdUs = 0, double recentHalfLifeUs = 0)
    {
        _holdUs = holdUs;
        _halfLifeUs = halfLifeUs;
        _recentHalfLifeUs = recentHalfLifeUs > 0 ? Math.Min(recentHalfLifeUs, halfLifeUs) : halfLifeUs;
        _touchWindowUs = touchWindowUs;
        _max = maxTracked;
        Grow(Math.Min(1024, maxTracked));
    }

    public int Count => _slotOf.Count;

    /// <summary>One past the highest slot ever used: iterate 0..Slots and skip free ones.</summary>
    public int Slots => _high;

    public bool IsUsed(int slot) => _id[slot] != Free;

    public ExtentId IdAt(int slot) => new(_id[slot]);

    public int TierAt(int slot) => _tier[slot];

    public double HalfLifeUs => _halfLifeUs;

    public bool TryGetSlot(ExtentId id, out int slot) => _slotOf.TryGetValue(id.Value, out slot);

    /// <summary>Records one access served by <paramref name="tier"/> at <paramref name="nowUs"/>.</summary>
    public void RecordAccess(ExtentId id, int tier, double nowUs)
    {
        if (!_slotOf.TryGetValue(id.Value, out int s))
        {
            if (!TryAdd(id, nowUs, out s))
                return; // full, and every slot sampled is held by hysteresis
            _hits[s] = 1;
            _recent[s] = 1;
            _touches[s] = 1;
            _stampUs[s] = nowUs;
            _touchStartUs[s] = nowUs;
            _tier[s] = (sbyte)tier;
            return;
        }
        float f = DecayFactor(s, nowUs);
        _recent[s] = _recent[s] * RecentDecayFactor(s, nowUs) + 1;
        _hits[s] = _hits[s] * f + 1;
        double sinceTouch = nowUs - _touchStartUs[s];
        if (sinceTouch >= _touchWindowUs)
        {
            _touches[s] = _touches[s] * f + 1;
            _touchIntervalUs[s] = _touchIntervalUs[s] == 0 ? (float)sinceTouch : (float)(0.75 * _touchIntervalUs[s] + 0.25 * sinceTouch);
            _touchStartUs[s] = nowUs;
        }
        else
        {
            _touches[s] *= f;
        }
        _stampUs[s] = nowUs;
        _tier[s] = (sbyte)tier;
    }

    /// <summary>Notes that the extent moved (creating a record if it has none, so hysteresis applies to it too).</summary>
    public void RecordMove(ExtentId id, int fromTier, int toTier, double nowUs)
    {
        if (!_slotOf.TryGetValue(id.Value, out int s))
        {
            if (!TryAdd(id, nowUs, out s))
                return;
            _stampUs[s] = nowUs;
            _touchStartUs[s] = double.NegativeInfinity;
        }
        _moveDirection[s] = (sbyte)Math.Sign(toTier - fromTier);
        _movedUs[s] = nowUs;
        _tier[s] = (sbyte)toTier;
    }

    /// <summary>Updates the tier the engine believes the extent is on (after a stale move found it elsewhere).</summary>
    public void SetTier(int slot, int tier) => _tier[slot] = (sbyte)tier;

    public double Hits(int slot, double nowUs) => _hits[slot] * DecayFactor(slot, nowUs);

    public double Touches(int slot, double nowUs) => _touches[slot] * DecayFactor(slot, nowUs);

    /// <summary>
    /// Hits the extent is worth going forward: its hits, or what its recent rate would amount
    /// to at the long half-life if that is less. At a steady rate both agree; once an extent
    /// goes quiet the recent rate drops within a few seconds while hits take tens.
    /// </summary>
    public double ExpectedHits(int slot, double nowUs)
    {
        double hits = Hits(slot, nowUs);
        double recent = _recent[slot] * RecentDecayFactor(slot, nowUs) * (_halfLifeUs / _recentHalfLifeUs);
        return Math.Min(hits, recent);
    }

    public double LastAccessAgeUs(int slot, double nowUs) =>
        double.IsNegativeInfinity(_touchStartUs[slot]) ? -1 : nowUs - _stampUs[slot];

    /// <summary>Smoothed time between touches (µs), 0 when unknown.</summary>
    public double TouchIntervalUs(int slot) => _touchIntervalUs[slot];

    /// <summary>When the extent last moved, or −∞.</summary>
    public double MovedUs(int slot) => _movedUs[slot];

    /// <summary>−1 if its last move was a promotion, +1 a demotion, 0 never moved.</summary>
    public int LastMoveDirection(int slot) => _moveDirection[slot];

    public void Remove(ExtentId id)
    {
        if (_slotOf.Remove(id.Value, out int s))
        {
            _id[s] = Free;
            _freeSlots.Push(s);
        }
    }

    /// <summary>
    /// Forgets extents whose heat has decayed to nothing and that are past any hysteresis hold,
    /// so the table tracks what is warm now. Called once per round.
    /// </summary>
    public int Sweep(double nowUs, double holdUs)
    {
        int removed = 0;
        for (int s = 0; s < _high; s++)
        {
            if (_id[s] == Free) continue;
            if (Touches(s, nowUs) < 0.05 && nowUs - _movedUs[s] > holdUs)
            {
                Remove(new ExtentId(_id[s]));
                removed++;
            }
        }
        return removed;
    }

    private float DecayFactor(int slot, double nowUs)
    {
        double dt = nowUs - _stampUs[slot];
        return dt <= 0 ? 1f : (float)double.Exp2(-dt / _halfLifeUs);
    }

    private float RecentDecayFactor(int slot, double nowUs)
    {
        double dt = nowUs - _stampUs[slot];
        return dt <= 0 ? 1f : (float)double.Exp2(-dt / _recentHalfLifeUs);
    }

    /// <summary>
    /// When the table is full, the least-touched of a few slots (CLOCK-like sweep) that is not
    /// held by hysteresis makes way: a scan over more extents than the table holds must not
    /// keep the real hot set out.
    /// </summary>
    private int ColdestOfSample(double nowUs)
    {
        const int Sample = 8;
        int best = -1;
        double bestTouches = double.MaxValue;
        for (int i = 0; i < Sample * 4 && i < _high; i++)
        {
            int s = _hand;
            _hand = (_hand + 1) % _high;
            if (_id[s] == Free || nowUs - _movedUs[s] < _holdUs) continue;
            double t = Touches(s, nowUs);
            if (t < bestTouches) { bestTouches = t; best = s; }
            if (i >= Sample && best >= 0) break;
        }
        return best;
    }

    private bool TryAdd(ExtentId id, double nowUs, out int slot)
    {
        if (_freeSlots.TryPop(out slot))
        {
        }
        else if (_high < _id.Length)
        {
            slot = _high++;
        }
        else if (_id.Length < _max)
        {
            Grow(Math.Min(_max, _id.Length * 2));
            slot = _high++;
        }
        else if ((slot = ColdestOfSample(nowUs)) < 0)
        {
            return false;
        }
        else
        {
            _slotOf.Remove(_id[slot]);
        }
        _slotOf[id.Value] = slot;
        _id[slot] = id.Value;
        _hits[slot] = 0;
        _recent[slot] = 0;
        _touches[slot] = 0;
        _touchIntervalUs[slot] = 0;
        _movedUs[slot] = double.NegativeInfinity;
        _moveDirection[slot] = 0;
        _tier[slot] = -1;
        return true;
    }

    private void Grow(int size)
    {
        int old = _id.Length;
        Array.Resize(ref _id, size);
        Array.Resize(ref _hits, size);
        Array.Resize(ref _recent, size);
        Array.Resize(ref _touches, size);
        Array.Resize(ref _stampUs, size);
        Array.Resize(ref _touchStartUs, size);
        Array.Resize(ref _touchIntervalUs, size);
        Array.Resize(ref _movedUs, size);
        Array.Resize(ref _moveDirection, size);
        Array.Resize(ref _tier, size);
        _id.AsSpan(old).Fill(Free);
    }
}
