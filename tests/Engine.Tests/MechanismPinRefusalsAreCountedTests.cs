using TieredFs.Agents.Abstractions;
using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// The mechanism is the second line of defence for pins (a pin may arrive between the engine's
/// look and the move): a Move it refuses as <see cref="MoveResult.Pinned"/> is counted in
/// <see cref="EngineStats.RefusedByPin"/>, not as a move or a failure, and nothing is charged.
/// </summary>
public class MechanismPinRefusalsAreCountedTests
{
    [Fact]
    public void A_promotion_the_mechanism_refuses_as_pinned_is_counted_as_refused_by_pin()
    {
        var h = new EngineHarness(Policy("lru", 2), [16, 100]);
        var id = E(0);
        h.Tiers.Add(id, 1);
        h.Tiers.RefuseAsPinned.Add(id);

        for (int r = 0; r < 5; r++)
        {
            h.AccessNow(id);
            h.RunRound();
        }

        Assert.True(h.Tiers.MoveCalls > 0, "the engine never tried to promote the hot extent");
        Assert.Equal(h.Tiers.MoveCalls, (int)h.Stats.RefusedByPin);
        Assert.Equal(0, h.Stats.Done);
        Assert.Equal(0, h.Stats.Failed);
        Assert.Equal(0, h.Stats.Promotions);
        Assert.Equal(0, h.Stats.BytesMoved);
        Assert.Equal(1, h.Tiers.TierOf(id));
    }

    [Fact]
    public void A_refused_move_is_not_reported_to_the_policies_as_a_migration()
    {
        var observer = new RecordingPlacement();
        var h = new EngineHarness(new PolicySet("rec", observer, new PromoteEveryHotCandidate()), [16, 100]);
        var id = E(0);
        h.Tiers.Add(id, 1);
        h.Tiers.RefuseAsPinned.Add(id);

        for (int r = 0; r < 5; r++)
        {
            h.AccessNow(id);
            h.RunRound();
        }

        Assert.True(h.Stats.RefusedByPin > 0);
        Assert.Empty(observer.Migrations);
    }
}
