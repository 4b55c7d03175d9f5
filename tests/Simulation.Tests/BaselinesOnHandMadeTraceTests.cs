using TieredFs.Simulation.Devices;
using TieredFs.Simulation.Engine;

namespace TieredFs.Simulation.Tests;

/// <summary>Each policy on <see cref="HandMadeTrace"/>: does it do what its definition says?</summary>
public class BaselinesOnHandMadeTraceTests
{
    private static readonly SimOptions s_options = new() { FastFraction = 0.4, MigrationPeriodRequests = 32 };
    private static readonly PreparedTrace s_trace = new(HandMadeTrace.Build(), HandMadeTrace.MiB);
    private static readonly HssConfig s_perf = BuiltInHss.Find("perf")!;
    private static readonly Dictionary<string, SimResult> s_results = SimulationRunner
        .RunAll(s_trace, s_perf, ["static", "lru", "cde", "hps", "sibyl", "archivist", "harmonia", "oracle"], s_options)
        .ToDictionary(r => r.Policy);

    [Fact]
    public void StaticNeverMovesAndLeavesTheHotExtentsSlow()
    {
        var r = s_results["static"];
        Assert.Equal(0, r.Migrations);
        Assert.True(r.FastHitRatio < 0.2, $"fast hit {r.FastHitRatio}");
    }

    [Theory]
    [InlineData("lru")]
    [InlineData("cde")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    [InlineData("oracle")]
    public void MigratingPoliciesBringTheHotExtentsUp(string policy)
    {
        var r = s_results[policy];
        Assert.True(r.Migrations > 0);
        Assert.True(r.FastHitRatio > 0.8, $"{policy}: fast hit {r.FastHitRatio}");
        Assert.True(r.AvgLatencyUs < s_results["static"].AvgLatencyUs / 3, $"{policy}: {r.AvgLatencyUs} vs static {s_results["static"].AvgLatencyUs}");
    }

    [Fact]
    public void SibylOnlyPlacesItNeverPlansMoves()
    {
        var r = s_results["sibyl"];
        // The engine never evicts at placement (a full tier sends the extent to the next one with
        // room), and a policy without migration plans nothing: no move at all.
        Assert.Equal(0, r.Migrations);
        Assert.Equal(0, r.Evictions);
    }

    [Fact]
    public void ArchivistTrainsOnThePrefixAndRuns()
    {
        var r = s_results["archivist"];
        Assert.Equal(s_trace.RequestCount, r.Requests);
        Assert.InRange(r.FastHitRatio, 0, 1);
    }

    [Fact]
    public void OracleIsAtLeastAsGoodAsTheMigratingBaselines()
    {
        double oracle = s_results["oracle"].AvgLatencyUs;
        foreach (string p in new[] { "static", "lru", "cde", "hps" })
            Assert.True(oracle <= s_results[p].AvgLatencyUs * 1.01, $"oracle {oracle} vs {p} {s_results[p].AvgLatencyUs}");
    }

    [Fact]
    public void LearningPoliciesReportTheirTableBytes()
    {
        Assert.Equal(0, s_results["lru"].TableBytes);
        Assert.InRange(s_results["harmonia"].TableBytes, 1, 64 * 1024);
    }
}
