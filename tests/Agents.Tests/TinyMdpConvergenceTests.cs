using TieredFs.Agents.Learning;

namespace TieredFs.Agents.Tests;

/// <summary>
/// The learning machinery (table, ε-greedy, Q-learning, seeded RNG) on a 6-state chain MDP:
/// action 1 moves right, action 0 moves left (or stays at 0). Reaching state 5 pays +1 and
/// restarts at 0; "left" at state 0 pays a small +0.02 (a tempting local optimum: worth 0.2 forever, against 0.9^4 ≈ 0.66 for walking to the goal). With γ = 0.9
/// the optimal policy is "always right" everywhere, which a greedy one-step learner would miss.
/// </summary>
public class TinyMdpConvergenceTests
{
    private const int States = 6;

    private static (int next, float reward, bool done) Step(int s, int a)
    {
        if (a == 1) return s + 1 == States - 1 ? (0, 1f, true) : (s + 1, 0f, false);
        return s == 0 ? (0, 0.02f, false) : (s - 1, 0f, false);
    }

    [Fact]
    public void QLearningFindsTheOptimalPolicyOnAChain()
    {
        // Optimistic start (1/(1-γ), as Pythia does): random ε-walks alone rarely reach the goal.
        var q = new QTable(3, 1, 10f);
        var rng = new XorShiftRng(123);
        int s = 0;
        for (int t = 0; t < 20_000; t++)
        {
            int a = EpsilonGreedy.Choose(q, s, 0b11, 0.2, ref rng);
            var (next, r, done) = Step(s, a);
            QLearning.Apply(q, new Experience(s, a, r, done ? -1 : next, 0b11), 0.1f, 0.9f);
            s = next;
        }
        for (int state = 0; state < States - 1; state++)
            Assert.True(q.ArgMax(state, 0b11) == 1, $"state {state}: left {q.Get(state, 0)}, right {q.Get(state, 1)}");
        // Values grow towards the goal: V(s) ≈ 0.9^(distance-1).
        Assert.True(q.Get(3, 1) > q.Get(1, 1));
        Assert.InRange(q.Get(4, 1), 0.8f, 1.2f);
    }

    [Fact]
    public void WithoutDiscountingTheFutureTheLocalOptimumWins()
    {
        // γ = 0 sees only the immediate +0.02 at state 0: evidence the test above can fail.
        var q = new QTable(3, 1, 0f);
        var rng = new XorShiftRng(5);
        int s = 0;
        for (int t = 0; t < 20_000; t++)
        {
            int a = EpsilonGreedy.Choose(q, s, 0b11, 0.2, ref rng);
            var (next, r, done) = Step(s, a);
            QLearning.Apply(q, new Experience(s, a, r, done ? -1 : next, 0b11), 0.1f, 0f);
            s = next;
        }
        Assert.Equal(0, q.ArgMax(0, 0b11));
    }
}
