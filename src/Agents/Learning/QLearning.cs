namespace TieredFs.Agents.Learning;

/// <summary>
/// Tabular Q-learning update: Q(s,a) += α (r + γ max_a' Q(s',a') − Q(s,a)). With γ = 0 (or a
/// terminal sample) it is the contextual-bandit update the delayed-reward agents use, whose
/// reward already sums the next n accesses.
/// </summary>
public static class QLearning
{
    public static void Apply(QTable table, in Experience e, float alpha, float gamma)
    {
        float target = e.Reward;
        if (e.NextState >= 0 && gamma > 0)
            target += gamma * table.Max(e.NextState, e.NextValidMask);
        table.MoveTowards(e.State, e.Action, target, alpha);
    }
}
