using TieredFs.Agents.Abstractions;
using TieredFs.Engine;
using TieredFs.Simulation.Devices;
using TieredFs.Simulation.Engine;
using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation.Tests;

/// <summary>The simulator drives the one tiering engine: promotion, hysteresis, budget, sampling.</summary>
public class EngineDrivenSimulatorTests
{
    private const long MiB = 1 << 20;
    private static readonly HssConfig s_perf = BuiltInHss.Find("perf")!;

    /// <summary>
    /// 16 extents written once (the first 4 fill the fast tier, FastFraction 0.25), then for
    /// 120 s of trace time a hot set, extents 12–14, is read round-robin every 20 ms; six tepid
    /// extents (4–9) are read once every 1.44 s each, enough to be admitted too and to compete
    /// for the one fast slot the hot set leaves (bait for ping-pong); the cold rest gets a read
    /// every 2 s between them.
    /// </summary>
    private static List<TraceRequest> HotSetOnSlowTrace()
    {
        int[] cold = [0, 1, 2, 3, 10, 11, 15];
        var list = new List<TraceRequest>();
        double t = 0;
        for (int e = 0; e < 16; e++) list.Add(new TraceRequest(t += 20_000, 0, e * MiB, 65536, true));
        for (int i = 0; i < 6000; i++)
        {
            list.Add(new TraceRequest(t += 20_000, 0, (12 + i % 3) * MiB + (i % 128) * 4096, 4096, false));
            if (i % 12 == 0) list.Add(new TraceRequest(t, 0, (4 + i / 12 % 6) * MiB + 4096, 4096, false));
            if (i % 100 == 0) list.Add(new TraceRequest(t, 0, cold[i / 100 % cold.Length] * MiB + 8192, 4096, false));
        }
        return list;
    }

    private static (SimResult Result, Simulator Sim, List<SimMove> Moves) Run(string policy, List<TraceRequest> requests, SimOptions options)
    {
        var trace = new PreparedTrace(requests, options.ExtentBytes);
        var future = new FutureIndex(trace);
        var set = SimPolicies.Create(trace, options).Create(policy, SimPolicies.Context(new HssConfigView(s_perf.Tiers.Count), options, future));
        var sim = new Simulator(trace, s_perf, set, options, future);
        var moves = new List<SimMove>();
        sim.Tiers.Moved = moves.Add;
        return (sim.Run(), sim, moves);
    }

    [Fact]
    public void LruPromotesAHotSetFromTheSlowTierOnceAndDoesNotPingPong()
    {
        var options = new SimOptions { FastFraction = 0.25, MigrationPeriodRequests = 50 };
        var requests = HotSetOnSlowTrace();
        var (lru, sim, moves) = Run("lru", requests, options);
        var (stat, _, _) = Run("static", requests, options);

        // The hot set was placed on the slow tier (the fast one was full) and the engine brought it up.
        int[] hot = [12, 13, 14];
        foreach (int e in hot)
            Assert.Equal(0, sim.Tiers.TierOf(e));
        Assert.True(stat.FastHitRatio < 0.1, $"static fast hit {stat.FastHitRatio}");
        Assert.True(lru.FastHitRatio > 0.8, $"lru fast hit {lru.FastHitRatio} (static {stat.FastHitRatio})");
        Assert.True(lru.AvgLatencyUs < stat.AvgLatencyUs / 3, $"lru {lru.AvgLatencyUs} µs vs static {stat.AvgLatencyUs} µs");
        Assert.Equal(lru.Migrations, moves.Count);
        Assert.Equal(moves.Count * MiB, lru.BytesMigrated);
        Assert.True(lru.Evictions > 0, "promoting into the full fast tier evicts");

        // No ping-pong: each hot extent went up exactly once; the tepid extents competing for the
        // last fast slot do not take turns (at most one promotion, with its eviction, for each of
        // the 9 extents that want the fast tier over the whole trace); and no extent was promoted
        // twice, or moved back the other way, within the engine's minimum residency.
        foreach (int e in hot)
            Assert.Single(moves, m => m.Extent == e && m.IsPromotion);
        Assert.True(moves.Count <= 2 * 9, $"{moves.Count} moves: {string.Join(", ", moves.Take(12).Select(m => $"{m.Extent}:{m.FromTier}->{m.ToTier}@{m.TimeUs / 1e6:0.0}s"))}");
        double minResidency = sim.Engine.Options.MinResidencyUs;
        Assert.True(minResidency > 0);
        foreach (var perExtent in moves.GroupBy(m => m.Extent))
        {
            SimMove[] seq = perExtent.OrderBy(m => m.TimeUs).ToArray();
            for (int i = 1; i < seq.Length; i++)
            {
                if (seq[i].IsPromotion == seq[i - 1].IsPromotion) continue;
                Assert.True(seq[i].TimeUs - seq[i - 1].TimeUs >= minResidency,
                    $"extent {perExtent.Key} moved back after {(seq[i].TimeUs - seq[i - 1].TimeUs) / 1e6:0.0} s");
            }
            var promotions = seq.Where(m => m.IsPromotion).ToArray();
            for (int i = 1; i < promotions.Length; i++)
                Assert.True(promotions[i].TimeUs - promotions[i - 1].TimeUs >= minResidency, $"extent {perExtent.Key} promoted twice");
        }
    }

    [Fact]
    public void MoveBudgetIsMaxMigrationsPerAverageRoundOfTraceTime()
    {
        // 1001 requests 10 ms apart: 10 s of trace, a 100-request round lasts ~1 s on average.
        var requests = Enumerable.Range(0, 1001).Select(i => new TraceRequest(i * 10_000.0, 0, (i % 7) * MiB, 4096, false)).ToList();
        var trace = new PreparedTrace(requests, MiB);
        var options = new SimOptions { MigrationPeriodRequests = 100, MaxMigrationsPerRound = 8 };
        long rate = Simulator.EngineOptionsFor(trace, options).BytesPerSecond;
        Assert.InRange(rate, 8 * MiB * 1001 / 1000 - 1, 8 * MiB * 1001 / 1000 + 1);
        Assert.Equal(0, Simulator.EngineOptionsFor(trace, options with { MaxMigrationsPerRound = 0 }).BytesPerSecond);
        Assert.Equal(123, Simulator.EngineOptionsFor(trace, options with { MigrationBytesPerSecond = 123 }).BytesPerSecond);
    }

    [Fact]
    public void NoMigrationBudgetMeansNoMoves()
    {
        var options = new SimOptions { FastFraction = 0.25, MigrationPeriodRequests = 50, MaxMigrationsPerRound = 0 };
        var (r, _, moves) = Run("lru", HotSetOnSlowTrace(), options);
        Assert.Equal(0, r.Migrations);
        Assert.Empty(moves);
    }

    [Fact]
    public void SampleResidentWalksATierWithACursorThatWraps()
    {
        var requests = Enumerable.Range(0, 5).Select(i => new TraceRequest(i, 0, i * MiB, 4096, true)).ToList();
        var trace = new PreparedTrace(requests, MiB);
        var clock = new TraceClock(0);
        var tiers = new SimulatedTiers(trace, s_perf, [10 * MiB, 10 * MiB], new SimOptions(), clock);
        for (int e = 0; e < 5; e++) tiers.Place(e, e == 2 ? 1 : 0);
        var buf = new ExtentId[3];
        var seen = new List<long>();
        for (int call = 0; call < 4; call++)
        {
            int n = tiers.SampleResident(0, buf);
            Assert.Equal(3, n);
            seen.AddRange(buf.Select(id => id.Value));
        }
        // Tier 0 holds 0, 1, 3, 4; twelve samples visit each exactly three times, never extent 2.
        Assert.Equal([0, 1, 3, 4], seen.Distinct().Order().ToArray());
        Assert.All(seen.GroupBy(v => v), g => Assert.Equal(3, g.Count()));
        Assert.Equal(1, tiers.SampleResident(1, buf));
        Assert.Equal(0, tiers.SamplePinnedMisplaced(buf));
        Assert.Equal(-1, tiers.PinnedTier(new ExtentId(0)));
    }

    [Fact]
    public void MoveChargesBothDevicesAndRefusesStaleOrFullMoves()
    {
        var requests = Enumerable.Range(0, 3).Select(i => new TraceRequest(i, 0, i * MiB, 4096, true)).ToList();
        var trace = new PreparedTrace(requests, MiB);
        var clock = new TraceClock(0);
        var tiers = new SimulatedTiers(trace, s_perf, [1 * MiB, 10 * MiB], new SimOptions(), clock);
        tiers.Place(0, 0);
        tiers.Place(1, 1);
        tiers.Place(2, 1);
        Assert.Equal(MoveResult.Stale, tiers.Move(new ExtentId(1), 0, 1).Result);
        Assert.Equal(MoveResult.TargetFull, tiers.Move(new ExtentId(1), 1, 0).Result);
        clock.NowUs = 1000;
        MoveReport report = tiers.Move(new ExtentId(0), 0, 1);
        Assert.Equal(MoveResult.Moved, report.Result);
        DeviceSpec fast = s_perf.Tiers[0].Device, slow = s_perf.Tiers[1].Device;
        double read = fast.ReadLatencyUs + MiB / fast.ReadMBps, write = slow.WriteLatencyUs + MiB / slow.WriteMBps;
        Assert.Equal(read + write, report.DurationUs, 6);
        Assert.Equal(1, tiers.TierOf(0));
        Assert.Equal(0, tiers.UsedBytes(0));
        Assert.Equal(3 * MiB, tiers.UsedBytes(1));
        Assert.Equal(MoveResult.Moved, tiers.Move(new ExtentId(1), 1, 0).Result);
    }
}
