namespace TieredFs.Agents.Rewards;

/// <summary>Hyperparameters of the Harmonia migration agent; docs/agents.md explains each value.</summary>
public sealed record MigrationKnobs
{
    /// <summary>Probability per round of exploring one promotion the table advises against.</summary>
    public double Epsilon { get; init; } = 0.05;
    public float Alpha { get; init; } = 0.1f;
    /// <summary>
    /// Rounds a move's reward is collected over: every access to the extent in that window adds
    /// the latency it saved (or cost) against its old tier. Matches the engine's benefit horizon
    /// (30 s at one round per second), so predicted and realised value measure the same thing.
    /// </summary>
    public long HorizonRounds { get; init; } = 30;
    /// <summary>Penalty, in units of the move's cost, when the extent moves again while its reward is open.</summary>
    public float PingPongPenalty { get; init; } = 1.0f;
    /// <summary>Rounds of placement demand kept free on each faster tier.</summary>
    public double DemandRoundsReserved { get; init; } = 1.0;
    /// <summary>
    /// Most of a tier's capacity kept free for that demand. 2 %: measured on the live bench, 10 %
    /// did not get ingest files onto the fast tier (1,254 vs 1,225 IOPS) but made the agent demote
    /// 5 % of a 2 GiB file right after it was written (the write burst reads as demand) on
    /// workloads that write nothing afterwards; uncapped, a bulk copy had it demote 190 extents.
    /// </summary>
    public double MaxReservedFraction { get; init; } = 0.02;
    public int TrackerSlots { get; init; } = 512;
    public int MaxCandidates { get; init; } = 128;
    /// <summary>Most a learned correction raises a move's predicted value, in units of the move's cost.</summary>
    public float MaxRaise { get; init; } = 1f;
    /// <summary>
    /// Most a learned correction lowers a move's predicted value, in units of the move's cost. It
    /// may cut more than raise: a wasted move costs device time the foreground pays for, a late one
    /// only delays a benefit that heat catches up with.
    /// </summary>
    public float MaxCut { get; init; } = 2f;
    /// <summary>
    /// Rounds over which a learned correction fades to half unless experience renews it. The
    /// workload changes; a correction learned before (say, promotions whose reward window spanned
    /// a shift of the hot zone) must not stop the agent from ever trying that move again.
    /// </summary>
    public double CorrectionHalfLifeRounds { get; init; } = 30;
    /// <summary>A swap's expected value must exceed this many times the two moves' cost.</summary>
    public float SwapReturnMargin { get; init; } = 0.5f;
}
