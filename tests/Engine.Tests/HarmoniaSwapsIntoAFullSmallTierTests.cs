using TieredFs.Engine.Tests.Infrastructure;
using Xunit.Abstractions;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// The CI live test's situation in miniature: a 16-extent fast tier filled to its high watermark
/// with never-read data, a small hot file on a slow tier 17 ms away. Harmonia must swap.
/// </summary>
public class HarmoniaSwapsIntoAFullSmallTierTests(ITestOutputHelper output)
{
    [Fact]
    public void Hot_extents_displace_never_read_ones()
    {
        var h = new EngineHarness(Policy("harmonia", 2, extentBytes: 256 << 10), [16, 1000], latencyUs: [20, 17_000], extentBytes: 256 << 10);
        h.Tiers.MoveDurationUs = 2_500;
        for (int i = 0; i < 14; i++) h.Tiers.Add(ExtentId.Of(2, i), 0);
        var hot = Enumerable.Range(0, 8).Select(i => ExtentId.Of(3, i)).ToList();
        foreach (var id in hot) h.Tiers.Add(id, 1);
        for (int r = 0; r < 20; r++)
        {
            for (int k = 0; k < 25; k++)
                foreach (var id in hot) h.AccessNow(id, 1_000 + k * 39_000);
            h.RunRound();
        }
        int onFast = hot.Count(id => h.Tiers.TierOf(id) == 0);
        output.WriteLine($"{onFast} on fast; moves {h.Tiers.Moves.Count}; planned {h.Stats.Planned}; candidates {h.Stats.Candidates}; sr {h.Stats.SwapsRefused} ob {h.Stats.OverBudget}");
        Assert.True(onFast >= 6, $"{onFast} of 8 hot extents on the fast tier; planned {h.Stats.Planned}, candidates {h.Stats.Candidates}");
    }
}
