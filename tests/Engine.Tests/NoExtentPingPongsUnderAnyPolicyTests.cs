using TieredFs.Engine.Tests.Infrastructure;
using Xunit.Abstractions;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Whatever the policy wants, no extent moves one way and then back the other way within
/// <see cref="EngineOptions.MinResidencyUs"/>: a long randomized run whose hot set keeps shifting
/// (so every policy is tempted to undo its recent promotions) under every migrating policy.
/// </summary>
public class NoExtentPingPongsUnderAnyPolicyTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> PoliciesAndTierCounts()
    {
        var data = new TheoryData<string, int>();
        foreach (string p in new[] { "lru", "cde", "hps", "harmonia" })
        {
            data.Add(p, 2);
            data.Add(p, 3);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PoliciesAndTierCounts))]
    public void Opposite_moves_of_one_extent_are_at_least_min_residency_apart(string policy, int tierCount)
    {
        const int extents = 400, hotSize = 40, accessesPerRound = 600, rounds = 300, shiftEveryRounds = 12;
        long[] capacity = tierCount == 2 ? [60, 1000] : [30, 60, 1000];
        // Gaps worth moving for, so every policy moves a lot and ping-pong has a chance to show.
        double[] latency = tierCount == 2 ? [10, 1000] : [10, 1000, 10_000];
        var h = new EngineHarness(Policy(policy, tierCount, seed: 7), capacity, latencyUs: latency).WithRealisticWatermarks();
        var rng = new Random(20261201);
        // Initial layout: fill each faster tier to two thirds, the rest on the slowest.
        int next = 0;
        for (int t = 0; t < tierCount; t++)
        {
            long n = t == tierCount - 1 ? extents - next : capacity[t] * 2 / 3;
            for (int i = 0; i < n; i++) h.Tiers.Add(E(next++), t);
        }

        long[] hot = [];
        for (int r = 0; r < rounds; r++)
        {
            if (r % shiftEveryRounds == 0)
                hot = Enumerable.Range(0, extents).OrderBy(_ => rng.Next()).Take(hotSize).Select(i => (long)i).ToArray();
            Workloads.Play(h, Workloads.Round(rng, accessesPerRound, Workloads.HotSet(hot, 0.9, extents)));
            h.RunRound();
        }

        Assert.True(h.Tiers.Moves.Count >= 20, $"{policy} moved only {h.Tiers.Moves.Count} extents: the run does not test anything");
        double residency = h.Engine.Options.MinResidencyUs;
        var violations = new List<string>();
        foreach (var perExtent in h.Tiers.Moves.GroupBy(m => m.Id))
        {
            MoveRecord? previous = null;
            foreach (var m in perExtent)
            {
                if (previous is { } p && p.IsPromotion != m.IsPromotion && m.AtUs - p.AtUs < residency)
                    violations.Add($"{m.Id}: {p.From}→{p.To} at {p.AtUs / 1e6:F0} s, then {m.From}→{m.To} at {m.AtUs / 1e6:F0} s");
                previous = m;
            }
        }
        int reversals = h.Tiers.Moves.GroupBy(m => m.Id).Sum(g => g.Zip(g.Skip(1)).Count(p => p.First.IsPromotion != p.Second.IsPromotion));
        output.WriteLine($"{policy}/{tierCount} tiers: {h.Tiers.Moves.Count} moves ({h.Stats.Promotions} up, {h.Stats.Demotions} down, " +
            $"{h.Stats.Evictions} evictions), {reversals} reversals, {h.Stats.HeldBack} held back");
        Assert.True(violations.Count == 0, $"{policy}: {violations.Count} ping-pongs, e.g. {string.Join("; ", violations.Take(5))}");
    }
}
