using TieredFs.Engine.Tests.Infrastructure;
using Xunit.Abstractions;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Shrinkage: under uniform random access every extent is equally hot, and the differences in
/// their counts are noise. With a full fast tier, no policy should keep swapping extents on it.
/// </summary>
public class UniformAccessCausesNoSwapsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lru")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    public void After_warm_up_fewer_than_two_percent_of_extents_move(string policy)
    {
        const int extents = 1000, fast = 200, accessesPerRound = 2000, warmUp = 20, measured = 100;
        var h = new EngineHarness(Policy(policy, 2, seed: 3), [fast, 2 * extents]).WithRealisticWatermarks();
        for (int i = 0; i < extents; i++) h.Tiers.Add(E(i), i < fast ? 0 : 1);
        var rng = new Random(42);

        int movesBefore = 0;
        for (int r = 0; r < warmUp + measured; r++)
        {
            if (r == warmUp) movesBefore = h.Tiers.Moves.Count;
            Workloads.Play(h, Workloads.Round(rng, accessesPerRound, Workloads.Uniform(extents)));
            h.RunRound();
        }

        var after = h.MovesSince(movesBefore).ToList();
        int moved = after.Select(m => m.Id).Distinct().Count();
        output.WriteLine($"{policy}: {movesBefore} moves in warm-up, {after.Count} after ({moved} extents), {h.Stats.Candidates} candidates offered");
        Assert.True(moved < extents * 0.02, $"{policy}: {moved} of {extents} extents moved in {measured} rounds of uniform access ({after.Count} moves)");
    }
}
