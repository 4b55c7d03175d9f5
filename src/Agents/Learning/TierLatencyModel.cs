namespace TieredFs.Agents.Learning;

/// <summary>
/// Smoothed observed latency per (tier, read/write). The agents never know device specs;
/// they learn what "fast" and "slow" cost from feedback and express rewards in units of the
/// fastest-to-slowest gap, which makes the same reward knobs work on every hierarchy.
/// </summary>
public sealed class TierLatencyModel
{
    public const int MaxTiers = 4;
    private const double Smoothing = 0.02;
    private readonly double[] _ewmaUs = new double[MaxTiers * 2];
    private readonly bool[] _seen = new bool[MaxTiers * 2];

    public void Observe(int tier, bool isWrite, double latencyUs)
    {
        if ((uint)tier >= MaxTiers) return;
        int i = tier * 2 + (isWrite ? 1 : 0);
        if (!_seen[i]) { _ewmaUs[i] = latencyUs; _seen[i] = true; }
        else _ewmaUs[i] += Smoothing * (latencyUs - _ewmaUs[i]);
    }

    /// <summary>Smoothed latency of the tier, or of the nearest tier seen, or 0 if none.</summary>
    public double Expected(int tier, bool isWrite)
    {
        int w = isWrite ? 1 : 0;
        if ((uint)tier < MaxTiers && _seen[tier * 2 + w]) return _ewmaUs[tier * 2 + w];
        for (int d = 1; d < MaxTiers; d++)
        {
            int lo = tier - d, hi = tier + d;
            if ((uint)lo < MaxTiers && _seen[lo * 2 + w]) return _ewmaUs[lo * 2 + w];
            if ((uint)hi < MaxTiers && _seen[hi * 2 + w]) return _ewmaUs[hi * 2 + w];
        }
        return 0;
    }

    /// <summary>
    /// The reward unit: expected latency gap between the slowest and the fastest tier, the
    /// larger of the read and the write gap (≥ 1 µs). One unit for both keeps read gains, write
    /// gains and move costs comparable: on TLC+QLC the read gap is ~15 µs but a QLC write costs
    /// milliseconds more, and it is the writes that decide placement there.
    /// </summary>
    public double Gap(int tierCount)
    {
        double gap = Math.Max(
            Expected(tierCount - 1, false) - Expected(0, false),
            Expected(tierCount - 1, true) - Expected(0, true));
        return gap < 1 ? 1 : gap;
    }

    /// <summary>
    /// How many µs of foreground waiting one µs of background device time causes on a device
    /// with utilisation <paramref name="utilization"/>: ρ/(1−ρ), the M/M/1 queue-length factor,
    /// clamped to [0.05, 2] so an idle device is not free and a saturated one not infinite.
    /// Unknown utilisation (≤ 0) counts the full device time (factor 1).
    /// </summary>
    public static float InterferenceFactor(double utilization)
    {
        if (!(utilization > 0)) return 1f;
        double u = Math.Clamp(utilization, 0, 0.95);
        return (float)Math.Clamp(u / (1 - u), 0.05, 2.0);
    }

    /// <summary>
    /// Latency saved (in gap units, clipped to [-2, 2]) when an access took
    /// <paramref name="latencyUs"/> instead of the usual latency of <paramref name="baselineTier"/>.
    /// </summary>
    public float NormalisedGain(int baselineTier, int tierCount, bool isWrite, double latencyUs)
    {
        double g = (Expected(baselineTier, isWrite) - latencyUs) / Gap(tierCount);
        return (float)Math.Clamp(g, -2.0, 2.0);
    }
}
