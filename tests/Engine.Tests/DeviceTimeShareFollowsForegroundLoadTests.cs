using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Moves may use a share of each tier's device time: <see cref="EngineOptions.MaxMoveShare"/> of
/// an idle tier, shrinking as foreground I/O keeps it busy, but never below
/// <see cref="EngineOptions.MinMoveShare"/> — a saturated slow tier can still be relieved.
/// </summary>
public class DeviceTimeShareFollowsForegroundLoadTests
{
    private const double MoveUs = 60_000;

    /// <summary>
    /// 800 hot extents on the slow tier, each read once per round at its own offset; the slow tier
    /// serves each read in <paramref name="slowReadUs"/>. Bytes are no limit here, only device time.
    /// Returns the share of each measured round the moves used (device time of moves / round;
    /// the queue is steady in these runs, so the final estimate stands for every round).
    /// </summary>
    private static double MeasuredMoveShare(double slowReadUs, out EngineHarness h)
    {
        var options = new EngineOptions { BytesPerSecond = 1L << 40 };
        h = new EngineHarness(PromoteEveryHotCandidate.Set(), [10_000, 10_000], options, latencyUs: [10, slowReadUs]);
        h.Tiers.MoveDurationUs = MoveUs;
        var hot = Enumerable.Range(0, 800).Select(i => E(i)).ToList();
        foreach (var id in hot) h.Tiers.Add(id, 1);

        const int warmUp = 6, measured = 24;
        int movesBefore = 0;
        for (int r = 0; r < warmUp + measured; r++)
        {
            if (r == warmUp) movesBefore = h.Tiers.Moves.Count;
            for (int i = 0; i < hot.Count; i++) h.AccessNow(hot[i], 1_000 + i * 1_000);
            h.RunRound();
        }
        Assert.True(h.Tiers.Count(1) > 200, "the slow tier ran out of hot extents; the measurement is void");
        // A move's device time is its wall time shared with the foreground requests queued with
        // it (Little's law), as the engine charges it.
        return (h.Tiers.Moves.Count - movesBefore) * h.Engine.Meter.DeviceShareOf(1, InMemoryTiers.SourceShare * MoveUs) / (measured * RoundUs);
    }

    [Fact]
    public void A_slow_tier_kept_fully_busy_by_users_still_gets_the_minimum_share()
    {
        // 800 reads × 2.5 ms each per 1 s round: the slow tier's foreground utilisation is 1
        // (two requests in flight on average, still more than one after the moves).
        double share = MeasuredMoveShare(slowReadUs: 2_500, out var h);

        Assert.True(h.Engine.Meter.ForegroundUtilization(1) > 0.99, $"foreground utilisation {h.Engine.Meter.ForegroundUtilization(1):F2}");
        double min = h.Engine.Options.MinMoveShare;
        Assert.InRange(share, min - MoveUs / RoundUs, min + MoveUs / RoundUs);
    }

    [Fact]
    public void An_idle_slow_tier_gives_moves_the_maximum_share()
    {
        double share = MeasuredMoveShare(slowReadUs: 100, out var h);

        Assert.True(h.Engine.Meter.ForegroundUtilization(1) < 0.1);
        double max = h.Engine.Options.MaxMoveShare;
        Assert.InRange(share, max - MoveUs / RoundUs, max + MoveUs / RoundUs);
    }

    [Fact]
    public void The_share_shrinks_between_the_two_as_foreground_load_grows()
    {
        // 800 × 0.5 ms ≈ 40 % busy (less as extents leave): between the floor and the maximum.
        double share = MeasuredMoveShare(slowReadUs: 500, out var h);

        var o = h.Engine.Options;
        double expected = Math.Max(o.MinMoveShare, o.MaxMoveShare * (1 - h.Engine.Meter.ForegroundUtilization(1)));
        Assert.InRange(share, expected - MoveUs / RoundUs, expected + MoveUs / RoundUs);
        Assert.True(share > o.MinMoveShare && share < o.MaxMoveShare);
    }
}
