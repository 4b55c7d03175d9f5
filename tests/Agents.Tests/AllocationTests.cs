using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Policies;
using static TieredFs.Agents.Tests.Infrastructure.Fixtures;

namespace TieredFs.Agents.Tests;

/// <summary>After warm-up (tiered JIT allocates on first calls), decisions and feedback allocate nothing.</summary>
public class AllocationTests
{
    private static long Measure(Action body)
    {
        for (int i = 0; i < 3; i++) body(); // warm-up and tier-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        body();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void PlacementDecisionsAndFeedbackDoNotAllocate()
    {
        var p = new HarmoniaPlacement(2, new TierPressure(), 1);
        TierStatus[] tiers = [Tier(100, 60), Tier(10_000, 100)];
        long e = 0;
        long bytes = Measure(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                var req = new PlacementRequest(++e, 4096 << (i & 7), (i & 1) == 0, -1, Extent) { AccessCount = i & 15, AccessIntervalUs = i, PeriodUs = 1000 };
                int t = p.ChooseTier(req, tiers);
                p.OnAccess(new AccessEvent(e, t, true, 4096, t == 0 ? 10 : 9000, i & 1));
                if ((i & 255) == 0) p.Learn();
            }
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void MigrationPlanningFeedbackAndLearningDoNotAllocate()
    {
        var m = new HarmoniaMigration(3, new TierPressure(), 1);
        TierStatus[] tiers = [Tier(10, 10), Tier(20, 19), Tier(10_000, 100)];
        var candidates = new MigrationCandidate[64];
        for (int i = 0; i < 32; i++) candidates[i] = Hot(i, 1 + (i & 1), i % 20);
        for (int i = 32; i < 64; i++) candidates[i] = Cold(i, i & 1, i % 3);
        var decisions = new MigrationDecision[8];
        long bytes = Measure(() =>
        {
            for (int r = 0; r < 500; r++)
            {
                int n = m.PlanMigrations(new MigrationRound(r, 1000, 8), candidates, tiers, decisions);
                for (int k = 0; k < n; k++)
                {
                    var d = decisions[k];
                    m.OnMigrated(new MigrationEvent(d.ExtentIndex, d.FromTier, d.ToTier, Extent, 2000, MigrationCause.Planned));
                    m.OnAccess(new AccessEvent(d.ExtentIndex, d.ToTier, false, 4096, 50, 0));
                }
                m.Learn();
            }
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void SibylAndBaselinesDoNotAllocatePerDecision()
    {
        var sibyl = new SibylLikePlacement(2, 1);
        var hps = new HistoryPageSelection();
        var cde = new ColdDataEviction();
        TierStatus[] tiers = [Tier(100, 100), Tier(10_000, 100)];
        MigrationCandidate[] c = [Hot(1, 1, 5), Cold(2, 0, 0), Hot(3, 1, 1)];
        var d = new MigrationDecision[8];
        long bytes = Measure(() =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                var req = new PlacementRequest(i, 4096, true, -1, Extent);
                int t = sibyl.ChooseTier(req, tiers);
                sibyl.OnAccess(new AccessEvent(i, t, true, 4096, 10, 0));
                cde.ChooseTier(req, tiers);
                hps.PlanMigrations(new MigrationRound(i, 1000, 8), c, tiers, d);
                cde.PlanMigrations(new MigrationRound(i, 1000, 8), c, tiers, d);
                if ((i & 63) == 0) sibyl.Learn();
            }
        });
        Assert.Equal(0, bytes);
    }
}
