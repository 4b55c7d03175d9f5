namespace TieredFs.Agents.Rewards;

/// <summary>
/// Hyperparameters of the Harmonia placement agent, in one place (Pythia keeps its knobs in
/// one ini file). Rewards are in units of "one access served at fastest-tier instead of
/// slowest-tier latency" (see TierLatencyModel). docs/agents.md explains each value.
/// </summary>
public sealed record PlacementKnobs
{
    public double Epsilon { get; init; } = 0.02;
    public float Alpha { get; init; } = 0.1f;
    /// <summary>Reads whose latency counts toward the reward.</summary>
    public int RewardAccesses { get; init; } = 4;
    /// <summary>Rounds (calls to Learn) after which an unfinished decision is scored with what it has.</summary>
    public long HorizonRounds { get; init; } = 30;
    /// <summary>Penalty per extent evicted because this placement found the tier full, × the learned demotion cost.</summary>
    public float EvictionPenalty { get; init; } = 1.0f;
    /// <summary>Cost of occupying a faster tier: × its fill at decision time × the learned demotion cost.</summary>
    public float OccupancyCost { get; init; } = 2.0f;
    /// <summary>
    /// Start value of every Q. Rewards are gains relative to the slowest tier, so 0 is the
    /// slowest tier's true value; ties go to the fastest tier, which is therefore tried first
    /// and abandoned once its learned value drops below 0.
    /// </summary>
    public float InitialQ { get; init; } = 0f;
    public int TrackerSlots { get; init; } = 512;
}
