namespace TieredFs.Engine;

/// <summary>
/// How much moving the engine may do: device time per tier (a share of each tier's time that
/// shrinks as foreground I/O keeps the tier busy, so copies yield to users) and bytes per second
/// overall (<c>migration_rate</c>). Token buckets refilled each round; a move may overdraw by
/// itself (one move can cost more than a round's allowance on a slow tier) and is paid back
/// before the next one starts. Evictions forced by a promotion are paid from the same budget.
/// </summary>
public sealed class MoveBudget
{
    private const double BurstRounds = 2;
    private readonly EngineOptions _o;
    private readonly double[] _deviceUs;
    private double _bytes;

    public MoveBudget(int tiers, EngineOptions options)
    {
        _o = options;
        _deviceUs = new double[tiers];
        BytesPerSecond = options.BytesPerSecond;
    }

    /// <summary>The byte rate; a running volume may change it (config reload).</summary>
    public long BytesPerSecond { get; set; }

    /// <summary>Share of the tier's time moves may use now, given how busy users keep it (0..1).</summary>
    public double Share(double foregroundUtilization) =>
        Math.Max(_o.MinMoveShare, _o.MaxMoveShare * (1 - Math.Clamp(foregroundUtilization, 0, 1)));

    public void Refill(double elapsedUs, Func<int, double> foregroundUtilization)
    {
        if (!(elapsedUs > 0)) return;
        for (int t = 0; t < _deviceUs.Length; t++)
        {
            double add = elapsedUs * Share(foregroundUtilization(t));
            _deviceUs[t] = Math.Min(_deviceUs[t] + add, add * BurstRounds);
        }
        double bytes = elapsedUs / 1e6 * BytesPerSecond;
        _bytes = Math.Min(_bytes + bytes, bytes * BurstRounds);
    }

    public bool Enabled => BytesPerSecond > 0;

    /// <summary>Whether a move between the two tiers may start now.</summary>
    public bool CanStart(int from, int to, long bytes) =>
        Enabled && _bytes > 0 && _deviceUs[from] > 0 && _deviceUs[to] > 0;

    /// <summary>
    /// Whether a promotion that first needs an eviction may start: the budget must cover the
    /// eviction (estimated at <paramref name="evictionUs"/>) and still be positive for the promotion.
    /// </summary>
    public bool CanStartSwap(int from, int to, long bytes, double evictionUs) =>
        Enabled && _bytes > bytes && _deviceUs[from] > 0 && _deviceUs[to] > evictionUs
        && (to + 1 >= _deviceUs.Length || _deviceUs[to + 1] > 0);

    /// <summary>Pays for a move: bytes, and the device time it occupied on each of its tiers.</summary>
    public void Charge(int from, int to, long bytes, double fromDeviceUs, double toDeviceUs)
    {
        _bytes -= bytes;
        _deviceUs[from] -= fromDeviceUs;
        _deviceUs[to] -= toDeviceUs;
    }

    /// <summary>Rough number of moves of <paramref name="moveUs"/> each that the budget allows this round (for the policy's plan size).</summary>
    public int MovesAffordable(long extentBytes, double moveUs)
    {
        if (!Enabled) return 0;
        double byBytes = _bytes / Math.Max(1, extentBytes);
        double byTime = double.MaxValue;
        foreach (double t in _deviceUs) byTime = Math.Min(byTime, t / Math.Max(1, moveUs));
        return (int)Math.Clamp(Math.Ceiling(Math.Min(byBytes, byTime)), 0, 4096);
    }
}
