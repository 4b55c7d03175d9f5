using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Simulation.Devices;
using TieredFs.Simulation.Engine;
using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation.Tests;

/// <summary>A five-request trace whose latencies are computed by hand in the comments.</summary>
public class SimulatorLatencyAccountingTests
{
    private const long MiB = 1 << 20;
    // fast: 10/20 µs + 1000 MB/s; slow: 1000/2000 µs + 100 MB/s; one queue each; no seek discount in play.
    private static readonly HssConfig s_hss = new("hand", [
        new TierSpec(new DeviceSpec("fast", 10, 20, 1000, 1000, 1, 10), 1),
        new TierSpec(new DeviceSpec("slow", 1000, 2000, 100, 100, 1, 1000), 0)]);

    private static readonly List<TraceRequest> s_trace =
    [
        new(0, 0, 0, 4096, true),                 // extent 0 → fast (room): 20 + 4.096 = 24.096
        new(1000, 0, MiB + 65536, 4096, true),    // extent 1 → fast is at its watermark → slow: 2000 + 40.96 = 2040.96
        new(1500, 0, MiB + 131072, 8192, false),  // slow busy until 3040.96: wait 1540.96 + 1000 + 81.92 = 2622.88
        new(5000, 0, 65536, 4096, false),         // fast: 10 + 4.096 = 14.096
        new(10_000, 0, MiB - 4096, 8192, false),  // spans both: max(fast 14.096, slow 1040.96) = 1040.96
    ];

    [Fact]
    public void StaticPolicyLatenciesMatchHandComputation()
    {
        var options = new SimOptions { FastFraction = 1.0 }; // footprint 2 extents → fast holds 2, watermark 1.9
        var trace = new PreparedTrace(s_trace, MiB);
        var set = new PolicySet("static", new StaticFastestFirst(), new NoMigration());
        var r = new Simulator(trace, s_hss, set, options).Run();
        Assert.Equal(5, r.Requests);
        Assert.Equal((24.096 + 2040.96 + 2622.88 + 14.096 + 1040.96) / 5, r.AvgLatencyUs, 6);
        Assert.Equal(2622.88, r.P99LatencyUs, 6);
        Assert.Equal(3.0 / 6.0, r.FastHitRatio, 9); // 6 pieces, 3 on the fast tier
        Assert.Equal(0, r.Migrations);
        Assert.Equal(0, r.BytesMigrated);
    }

    [Fact]
    public void CapacitiesFollowTheFastFraction()
    {
        long[] caps = Simulator.TierCapacities(BuiltInHss.Find("quad")!, footprint: 100 * MiB, fastFraction: 0.1, extentBytes: MiB);
        Assert.Equal([10 * MiB, 20 * MiB, 40 * MiB, 101 * MiB], caps);
    }

    [Fact]
    public void PreparedTraceSplitsRequestsAtExtentBoundariesAndKnowsTheFuture()
    {
        var trace = new PreparedTrace(s_trace, MiB);
        Assert.Equal(2, trace.ExtentCount);
        Assert.Equal(6, trace.PieceExtent.Length);
        Assert.Equal([4096, 4096], trace.PieceBytes[4..6]);
        // Piece 0 (request 0, extent 0) is next used by request 3.
        Assert.Equal(3, trace.NextUseRequest[0]);
        Assert.Equal(int.MaxValue, trace.NextUseRequest[5]);
    }
}
