namespace TieredFs.Agents.Learning;

/// <summary>ε-greedy action choice over a valid-action bit mask.</summary>
public static class EpsilonGreedy
{
    public static int Choose(QTable table, int state, int validMask, double epsilon, ref XorShiftRng rng)
    {
        if (validMask == 0) return -1;
        if (epsilon > 0 && rng.NextDouble() < epsilon)
        {
            int count = System.Numerics.BitOperations.PopCount((uint)validMask);
            int pick = rng.NextInt(count);
            for (int a = 0; a < 32; a++)
            {
                if ((validMask & (1 << a)) == 0) continue;
                if (pick-- == 0) return a;
            }
        }
        return table.ArgMax(state, validMask);
    }
}
