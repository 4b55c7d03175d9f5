using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Policies;
using TieredFs.Agents.Rewards;
using static TieredFs.Agents.Tests.Infrastructure.Fixtures;

namespace TieredFs.Agents.Tests;

public class HarmoniaMigrationTests
{
    // Fast tier has room; hot candidates (high count, recent) are read 8 more times after a
    // move, "scan" candidates (count 1) never again. A move costs 5 ms of device time.
    private static readonly TierStatus[] s_roomy = [Tier(100, 10), Tier(10_000, 100)];

    private static void TeachLatencies(HarmoniaMigration m)
    {
        for (int i = 0; i < 50; i++)
        {
            m.OnAccess(new AccessEvent(-1, 0, false, 4096, 10, 0));
            m.OnAccess(new AccessEvent(-1, 1, false, 4096, 10_000, 0));
        }
    }

    private static HarmoniaMigration Trained(ulong seed)
    {
        var m = new HarmoniaMigration(2, new TierPressure(), seed, new MigrationKnobs { Epsilon = 0.5 });
        TeachLatencies(m);
        var decisions = new MigrationDecision[8];
        long e = 0;
        for (int round = 0; round < 600; round++)
        {
            long hot = ++e, scan = ++e;
            MigrationCandidate[] c = [Hot(hot, 1, count: 20), Hot(scan, 1, count: 1, ageUs: 5000, intervalUs: 0)];
            int n = m.PlanMigrations(new MigrationRound(round, 1000, 8), c, s_roomy, decisions);
            for (int i = 0; i < n; i++)
            {
                var d = decisions[i];
                m.OnMigrated(new MigrationEvent(d.ExtentIndex, d.FromTier, d.ToTier, Extent, 5_000, MigrationCause.Planned));
                if (d.ExtentIndex == hot)
                    for (int k = 0; k < 8; k++) m.OnAccess(new AccessEvent(hot, d.ToTier, false, 4096, 10, 0));
            }
            for (int k = 0; k < 100; k++) m.OnAccess(new AccessEvent(-1, 1, false, 4096, 10_000, 0));
            m.Learn();
        }
        return m;
    }

    [Fact]
    public void LearnsToPromoteReusedExtentsButNotScans()
    {
        var m = Trained(1);
        int hot = HarmoniaMigration.EncodeState(Hot(1, 1, count: 20), s_roomy, 1000);
        int scan = HarmoniaMigration.EncodeState(Hot(2, 1, count: 1, ageUs: 5000, intervalUs: 0), s_roomy, 1000);
        Assert.NotEqual(hot, scan);
        Assert.True(m.Table.Get(hot, (int)MigrationAction.Promote) > 1f);
        Assert.True(m.Table.Get(scan, (int)MigrationAction.Promote) < 0f);
    }

    [Fact]
    public void GreedyPlanPromotesOnlyTheReusedKind()
    {
        var m = Trained(2);
        var greedy = new HarmoniaMigration(2, new TierPressure(), 3, new MigrationKnobs { Epsilon = 0 });
        using (var ms = new MemoryStream())
        {
            m.Save(ms);
            ms.Position = 0;
            greedy.Load(ms);
        }
        var d = Plan(greedy, [Hot(10, 1, count: 20), Hot(11, 1, count: 1, ageUs: 5000, intervalUs: 0)], s_roomy);
        Assert.Equal([new MigrationDecision(10, 1, 0)], d);
    }

    [Fact]
    public void SwapsOnlyWhenGainBeatsTheVictimsLoss()
    {
        // High watermark at 100% so no demotion is needed just to get under it.
        TierStatus[] full = [Tier(10, 10, high: 1.0), Tier(10_000, 100)];
        // Predicted: promoting the hot one nets 50 − 5 = 45 ms; demoting the victim (as hot) loses
        // 50 + 5 = 55 ms. Net −10 ms: no swap.
        var hot = Hot(1, 1, count: 20);
        var victim = Cold(2, 0, count: 20);
        int vs = HarmoniaMigration.EncodeState(victim, full, 1000);
        var bounded = new HarmoniaMigration(2, new TierPressure(), 1, new MigrationKnobs { Epsilon = 0 });
        Assert.Empty(Plan(bounded, [hot, victim], full));
        // Learned: such demotions hurt 4 move-costs (20 ms) less than predicted. The default bound
        // lets a correction raise a move's value by one move-cost only: net −5 ms, still no swap.
        bounded.Table.Set(vs, (int)MigrationAction.Demote, 4f);
        Assert.Empty(Plan(bounded, [hot, victim], full));
        // With the bound at 4: net +10 ms, more than half the two moves' cost (5 ms): swap.
        var loose = new HarmoniaMigration(2, new TierPressure(), 1, new MigrationKnobs { Epsilon = 0, MaxRaise = 4f });
        loose.Table.Set(vs, (int)MigrationAction.Demote, 4f);
        Assert.Equal([new MigrationDecision(2, 0, 1), new MigrationDecision(1, 1, 0)], Plan(loose, [hot, victim], full));
    }

    [Fact]
    public void MakesRoomForPlacementDemandWithSpareBudget()
    {
        var pressure = new TierPressure();
        var m = new HarmoniaMigration(2, pressure, 1, new MigrationKnobs { Epsilon = 0 });
        for (int i = 0; i < 30; i++)
        {
            pressure.NotePlacement(0, 3 * Extent); // three extents per round land on the fast tier
            Plan(m, [], [Tier(100, 50), Tier(1000, 0)]);
        }
        // At the high watermark (95 of 100), about three extents of room are wanted.
        var d = Plan(m, [Cold(1, 0, 0), Cold(2, 0, 0), Cold(3, 0, 0), Cold(4, 0, 0), Cold(5, 0, 0)], [Tier(100, 95), Tier(1000, 0)]);
        Assert.InRange(d.Length, 2, 3);
        Assert.All(d, x => Assert.False(x.IsPromotion));
    }

    [Fact]
    public void PingPongIsPenalised()
    {
        var m = new HarmoniaMigration(2, new TierPressure(), 1, new MigrationKnobs { Epsilon = 0, Alpha = 1f });
        TeachLatencies(m);
        var hot = Hot(1, 1, count: 20);
        int s = HarmoniaMigration.EncodeState(hot, s_roomy, 1000);
        var d = Plan(m, [hot], s_roomy);
        Assert.Single(d);
        m.OnMigrated(new MigrationEvent(1, 1, 0, Extent, 0, MigrationCause.Planned));
        m.OnMigrated(new MigrationEvent(1, 0, 1, Extent, 0, MigrationCause.Eviction));
        m.Learn();
        // Realised: nothing gained, one move wasted; predicted: 45 ms net = 9 move-costs.
        float predicted = (float)(hot.NetUs / hot.MoveCostUs);
        Assert.Equal(-predicted - new MigrationKnobs().PingPongPenalty, m.Table.Get(s, (int)MigrationAction.Promote), 3);
    }
}
