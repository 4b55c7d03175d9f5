namespace TieredFs.Agents.Coordination;

/// <summary>
/// The signal the Harmonia placement and migration agents share. Placement counts the bytes
/// it sends to each non-slowest tier; at each round the migration agent turns that into a
/// smoothed demand per round and keeps that much room free (demoting cold extents ahead of
/// need), so new hot writes land on the fast tier without forced evictions on the I/O path.
/// Plain fields: the counters tolerate benign races between I/O threads and the planner.
/// </summary>
public sealed class TierPressure
{
    public const int MaxTiers = 4;
    private const double Smoothing = 0.2;
    private readonly long[] _placedThisRound = new long[MaxTiers];
    private readonly double[] _demandPerRound = new double[MaxTiers];

    public void NotePlacement(int tier, long bytes)
    {
        // A plain add: an update lost to a race only nudges an estimate, and a locked add
        // would cost more than the rest of the placement decision.
        if ((uint)tier < MaxTiers) _placedThisRound[tier] += bytes;
    }

    /// <summary>Called once per migration round: folds this round's placements into the demand estimate.</summary>
    public void EndRound()
    {
        for (int t = 0; t < MaxTiers; t++)
        {
            long placed = _placedThisRound[t];
            _placedThisRound[t] = 0;
            _demandPerRound[t] += Smoothing * (placed - _demandPerRound[t]);
        }
    }

    /// <summary>Bytes per round the placement agent is expected to put on <paramref name="tier"/>.</summary>
    public double DemandPerRound(int tier) => (uint)tier < MaxTiers ? _demandPerRound[tier] : 0;
}
