namespace TieredFs.Agents.Rewards;

/// <summary>Hyperparameters of the Harmonia migration agent; docs/agents.md explains each value.</summary>
public sealed record MigrationKnobs
{
    /// <summary>Probability per round of exploring one random candidate.</summary>
    public double Epsilon { get; init; } = 0.1;
    public float Alpha { get; init; } = 0.1f;
    /// <summary>Accesses after the move whose latency gain counts toward the reward.</summary>
    public int RewardAccesses { get; init; } = 8;
    public long HorizonEvents { get; init; } = 16384;
    /// <summary>Weight of the move's device time, in gap units (device time / latency gap).</summary>
    public float MigrationCostWeight { get; init; } = 1.0f;
    /// <summary>Penalty when the extent moves back (or is evicted) while the reward is still open.</summary>
    public float PingPongPenalty { get; init; } = 2.0f;
    /// <summary>Optimistic start for promotions (behave like LRU until evidence says otherwise).</summary>
    public float InitialPromoteQ { get; init; } = 0.5f;
    public float InitialDemoteQ { get; init; } = -0.5f;
    /// <summary>Rounds of placement demand kept free on each faster tier.</summary>
    public double DemandRoundsReserved { get; init; } = 1.0;
    public int TrackerSlots { get; init; } = 256;
    public int MaxCandidates { get; init; } = 64;
}
