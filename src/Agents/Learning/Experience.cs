namespace TieredFs.Agents.Learning;

/// <summary>
/// One finished (state, action, reward[, next state]) sample waiting to be learned from.
/// <see cref="NextState"/> is -1 for a terminal/bandit sample (no bootstrapping).
/// </summary>
public record struct Experience(int State, int Action, float Reward, int NextState, int NextValidMask);
