using TieredFs.Engine.Tests.Infrastructure;
using Xunit.Abstractions;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// The live bench's shift as the mount sees it: closed loop. Four readers each issue one 4k read
/// at a time, so an extent on the slow tier is read only as often as the slow device allows
/// (4 ms a read per reader, ~1,000 IOPS) while one on the fast tier is read every 50 µs: heat
/// measured on the slow tier understates demand. Moves cost what the live bench measured
/// (~75 ms a promotion from the throttled tier, ~19 ms a demotion).
/// </summary>
public class ClosedLoopShiftTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lru")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    public void The_new_hot_zone_reaches_the_fast_tier_within_sixty_rounds_of_the_shift(string policy)
    {
        const int extents = 2048, fast = 512, phase = 60, readers = 4;
        double[] latency = [50, 4_000];
        var h = new EngineHarness(Policy(policy, 2, seed: 3), [fast, 4 * extents], latencyUs: latency);
        h.Tiers.HighWatermark = 0.90;
        h.Tiers.LowWatermark = 0.75;
        h.Tiers.MoveDurationUs = 75_000;
        h.Tiers.DemotionDurationUs = 19_000;
        for (int i = 0; i < extents; i++) h.Tiers.Add(E(i), i < 460 ? 0 : 1);
        long[] first = Enumerable.Range(extents - 410, 410).Select(i => (long)i).ToArray();
        long[] second = Enumerable.Range(820, 410).Select(i => (long)i).ToArray();
        var rng = new Random(42);
        double fit = Math.Min(second.Length, Math.Floor(fast * h.Tiers.HighWatermark));

        var pick = Workloads.HotSet(first, 0.9, extents);
        for (int r = 1; r <= phase; r++)
        {
            PlayClosedLoop(h, rng, pick, readers, latency);
            h.RunRound();
        }
        int movesBefore = h.Tiers.Moves.Count;
        output.WriteLine($"{policy}: first phase {OnFast(h, first)}/{first.Length} on fast with {movesBefore} moves");
        pick = Workloads.HotSet(second, 0.9, extents);
        int reachedAt = -1;
        for (int r = 1; r <= phase; r++)
        {
            int served = PlayClosedLoop(h, rng, pick, readers, latency);
            h.RunRound();
            if (reachedAt < 0 && OnFast(h, second) >= 0.9 * fit) reachedAt = r;
            if (r % 5 == 0)
                output.WriteLine($"  +{r}: {served} reads; new {OnFast(h, second)}, old {OnFast(h, first)} on fast; moves {h.Tiers.Moves.Count - movesBefore}; " +
                    $"cand {h.Stats.Candidates} planned {h.Stats.Planned} swaps refused {h.Stats.SwapsRefused} over budget {h.Stats.OverBudget}");
        }
        int onFast = OnFast(h, second), movesAfter = h.Tiers.Moves.Count - movesBefore;
        output.WriteLine($"{policy}: after the shift {onFast}/{second.Length} (90 % of what fits at round {reachedAt}) with {movesAfter} moves");
        Assert.True(onFast >= 0.9 * fit, $"{policy}: only {onFast} of the {fit} new hot extents that fit on the fast tier {phase} rounds after the shift");
        // A full fast tier: each new hot extent costs a promotion and a demotion, and little more.
        Assert.True(movesAfter <= 2.2 * second.Length, $"{policy}: {movesAfter} moves after the shift for a hot set of {second.Length}");
    }

    /// <summary>One second of <paramref name="readers"/> readers, each waiting for its read before the next.</summary>
    private static int PlayClosedLoop(EngineHarness h, Random rng, Func<Random, long> pick, int readers, double[] latency)
    {
        double start = h.Now;
        int served = 0;
        for (int j = 0; j < readers; j++)
        {
            double t = rng.NextDouble() * latency[^1];
            while (true)
            {
                var id = E(pick(rng));
                double l = latency[h.Tiers.TierOf(id)];
                if (t + l >= RoundUs) break;
                t += l;
                h.Access(id, start + t, latencyUs: l);
                served++;
            }
        }
        return served;
    }

    private static int OnFast(EngineHarness h, long[] hot) => hot.Count(i => h.Tiers.TierOf(E(i)) == 0);
}
