using TieredFs.Simulation.Devices;
using TieredFs.Simulation.Engine;
using TieredFs.Simulation.Generation;

namespace TieredFs.Simulation.Tests;

public class DeterminismTests
{
    [Fact]
    public void GeneratedTracesDependOnlyOnTheSeed()
    {
        var a = TraceGenerator.Generate(TracePattern.Shifting, 2000, 256L << 20, seed: 9);
        var b = TraceGenerator.Generate(TracePattern.Shifting, 2000, 256L << 20, seed: 9);
        var c = TraceGenerator.Generate(TracePattern.Shifting, 2000, 256L << 20, seed: 10);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData("harmonia")]
    [InlineData("sibyl")]
    [InlineData("archivist")]
    public void SameSeedSameResult(string policy)
    {
        var options = new SimOptions { Seed = 5 };
        var trace = new PreparedTrace(TraceGenerator.Generate(TracePattern.ScanMix, 6000, 256L << 20, 3), options.ExtentBytes);
        var hss = BuiltInHss.Find("tri")!;
        var first = SimulationRunner.RunOne(trace, hss, policy, options);
        var second = SimulationRunner.RunOne(trace, hss, policy, options);
        Assert.Equal(first, second);
    }
}
