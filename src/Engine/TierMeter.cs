namespace TieredFs.Engine;

/// <summary>
/// What the volume's own tiers cost, measured from the accesses and moves the engine is told
/// about: smoothed latency per access (reads and writes apart), how busy each tier is, and the
/// device time one move between two tiers takes. The benefit of a move is expressed in these
/// measured microseconds, never in a device's datasheet numbers.
/// </summary>
public sealed class TierMeter
{
    private const double LatencySmoothing = 0.01;
    private const double MoveSmoothing = 0.2;
    private const double BusySmoothing = 0.5;
    private readonly int _tiers;
    private readonly double[] _latencyUs;      // [tier * 2 + isWrite]
    private readonly bool[] _seen;
    private readonly double[] _busyUs;         // this round: foreground + moves
    private readonly double[] _foregroundBusyUs;
    private readonly double[] _utilization;
    private readonly double[] _foregroundUtilization;
    private readonly double[] _foregroundQueue;
    private readonly double[] _moveUs;         // [from * tiers + to]

    public TierMeter(int tiers, double initialMoveUs)
    {
        _tiers = tiers;
        _latencyUs = new double[tiers * 2];
        _seen = new bool[tiers * 2];
        _busyUs = new double[tiers];
        _foregroundBusyUs = new double[tiers];
        _utilization = new double[tiers];
        _foregroundUtilization = new double[tiers];
        _foregroundQueue = new double[tiers];
        _moveUs = new double[tiers * tiers];
        Array.Fill(_moveUs, initialMoveUs);
    }

    public void ObserveAccess(int tier, bool isWrite, double latencyUs)
    {
        if ((uint)tier >= (uint)_tiers || !(latencyUs >= 0)) return;
        int i = tier * 2 + (isWrite ? 1 : 0);
        if (!_seen[i]) { _latencyUs[i] = latencyUs; _seen[i] = true; }
        else _latencyUs[i] += LatencySmoothing * (latencyUs - _latencyUs[i]);
        _busyUs[tier] += latencyUs;
        _foregroundBusyUs[tier] += latencyUs;
    }

    public void ObserveMove(int from, int to, in MoveReport report)
    {
        if ((uint)from >= (uint)_tiers || (uint)to >= (uint)_tiers || !(report.DurationUs >= 0)) return;
        ref double m = ref _moveUs[from * _tiers + to];
        m += MoveSmoothing * (report.DurationUs - m);
        _busyUs[from] += report.SourceLegUs;
        _busyUs[to] += report.TargetLegUs;
    }

    /// <summary>Folds the round's busy time into utilisation (busy µs / elapsed µs, at most 1).</summary>
    public void EndRound(double elapsedUs)
    {
        if (!(elapsedUs > 0)) return;
        for (int t = 0; t < _tiers; t++)
        {
            _utilization[t] += BusySmoothing * (Math.Min(1, _busyUs[t] / elapsedUs) - _utilization[t]);
            _foregroundUtilization[t] += BusySmoothing * (Math.Min(1, _foregroundBusyUs[t] / elapsedUs) - _foregroundUtilization[t]);
            _foregroundQueue[t] += BusySmoothing * (_foregroundBusyUs[t] / elapsedUs - _foregroundQueue[t]);
            _busyUs[t] = 0;
            _foregroundBusyUs[t] = 0;
        }
    }

    /// <summary>Fraction of recent time the tier was serving anything (as iostat's %util).</summary>
    public double Utilization(int tier) => (uint)tier < (uint)_tiers ? _utilization[tier] : 0;

    public double ForegroundUtilization(int tier) => (uint)tier < (uint)_tiers ? _foregroundUtilization[tier] : 0;

    /// <summary>
    /// Foreground requests in flight on the tier on average (Little's law: time in I/O per unit
    /// of time). A move that waited among L of them occupied the device for about 1/(L+1) of
    /// its wall time; the rest was their service.
    /// </summary>
    public double ForegroundQueue(int tier) => (uint)tier < (uint)_tiers ? _foregroundQueue[tier] : 0;

    /// <summary>Device time a move of <paramref name="wallUs"/> wall time occupied on the tier.</summary>
    public double DeviceShareOf(int tier, double wallUs) => wallUs / (1 + ForegroundQueue(tier));

    /// <summary>Measured latency of one access on the tier; an unmeasured tier borrows its nearest measured faster neighbour's (0 if none).</summary>
    public double LatencyUs(int tier, bool isWrite)
    {
        int w = isWrite ? 1 : 0;
        for (int t = Math.Min(tier, _tiers - 1); t >= 0; t--)
            if (_seen[t * 2 + w]) return _latencyUs[t * 2 + w];
        return 0;
    }

    /// <summary>Latency saved per access when an extent is served by <paramref name="to"/> instead of <paramref name="from"/> (reads; ≥ 0 when to is faster).</summary>
    public double GapUs(int from, int to) => LatencyUs(from, false) - LatencyUs(to, false);

    /// <summary>Device time one move from→to takes (measured; the initial guess until then).</summary>
    public double MoveUs(int from, int to) =>
        (uint)from < (uint)_tiers && (uint)to < (uint)_tiers ? _moveUs[from * _tiers + to] : 0;
}
