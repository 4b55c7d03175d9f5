using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation.Tests;

/// <summary>
/// A small trace with an obvious right answer: 20 extents are written once (filling the fast
/// tier with data nobody reads again), then extents 10 and 11, which landed on the slow tier,
/// are read over and over while a cold extent is touched now and then. Requests arrive every
/// 50 ms, so a disk serving every read can keep up and results measure placement, not a queue.
/// </summary>
public static class HandMadeTrace
{
    public const long MiB = 1 << 20;

    public static List<TraceRequest> Build()
    {
        var list = new List<TraceRequest>();
        double t = 0;
        for (int e = 0; e < 20; e++) list.Add(new TraceRequest(t += 50_000, 0, e * MiB, 65536, true));
        for (int i = 0; i < 1500; i++)
        {
            long hot = (10 + (i & 1)) * MiB + (i % 64) * 4096;
            list.Add(new TraceRequest(t += 50_000, 0, hot, 4096, false));
            if (i % 10 == 0) list.Add(new TraceRequest(t += 50_000, 0, (i / 10 % 8) * MiB + 8192, 4096, false));
        }
        return list;
    }
}
