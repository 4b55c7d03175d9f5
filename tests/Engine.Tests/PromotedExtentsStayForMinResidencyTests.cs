using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Hysteresis: an extent that was just promoted is not demoted again within
/// <see cref="EngineOptions.MinResidencyUs"/>, however cold it gets and whoever wants its place;
/// after that it may be.
/// </summary>
public class PromotedExtentsStayForMinResidencyTests
{
    [Fact]
    public void A_promoted_extent_that_goes_cold_keeps_its_place_against_a_hotter_one_until_min_residency_has_passed()
    {
        // The fast tier holds exactly one extent.
        var h = new EngineHarness(Policy("lru", 2), [1, 100]);
        var first = E(0);
        var second = E(1);
        h.Tiers.Add(first, 1);
        h.Tiers.Add(second, 1);

        for (int r = 0; r < 3; r++)
        {
            h.AccessNow(first);
            h.RunRound();
        }
        var promotion = Assert.Single(h.Tiers.Moves);
        Assert.Equal(first, promotion.Id);
        Assert.True(promotion.IsPromotion);
        double promotedAt = promotion.AtUs;
        double residency = h.Engine.Options.MinResidencyUs;

        // From now on `first` is never touched again, and `second` is hot in every window.
        while (h.Now < promotedAt + residency + 10 * RoundUs)
        {
            for (int i = 0; i < 20; i++) h.AccessNow(second, 50_000 + i * 40_000);
            h.RunRound();
            if (h.Now < promotedAt + residency)
                Assert.Equal(0, h.Tiers.TierOf(first));
        }

        var demotion = Assert.Single(h.MovesOf(first), m => !m.IsPromotion);
        Assert.True(demotion.AtUs >= promotedAt + residency,
            $"demoted {(demotion.AtUs - promotedAt) / 1e6:F0} s after its promotion; min residency is {residency / 1e6:F0} s");
        Assert.True(demotion.AtUs <= promotedAt + residency + 2 * RoundUs,
            "after min residency the cold extent should make room for the hot one within a round or two");
        Assert.Equal(0, h.Tiers.TierOf(second));
        Assert.Equal(1, h.Tiers.TierOf(first));
    }

    [Fact]
    public void The_engine_refuses_a_policy_that_asks_to_undo_a_promotion_at_once()
    {
        // Three tiers: an extent promoted 2 → 1 is still a hot candidate on tier 1, so a policy
        // can name it in the opposite direction. The engine must hold it back.
        var undo = new DemoteEveryCandidate();
        var promote = new PromoteEveryHotCandidate();
        var switching = new SwitchingPolicy(promote);
        var h = new EngineHarness(new PolicySet("switching", new StaticFastestFirst(), switching), [10, 10, 100]);
        var id = E(0);
        h.Tiers.Add(id, 2);
        for (int r = 0; r < 3; r++)
        {
            h.AccessNow(id);
            h.RunRound();
        }
        Assert.Equal(1, h.Tiers.TierOf(id));
        double promotedAt = Assert.Single(h.Tiers.Moves).AtUs;

        // Now the policy asks to demote everything it is offered, every round.
        switching.Inner = undo;
        while (h.Now < promotedAt + h.Engine.Options.MinResidencyUs - RoundUs)
        {
            h.AccessNow(id);
            h.RunRound();
            Assert.Equal(1, h.Tiers.TierOf(id));
        }
        Assert.True(h.Stats.HeldBack > 0, "the engine never counted a held-back decision");
        Assert.Single(h.Tiers.Moves);
    }

    private sealed class SwitchingPolicy(IMigrationPolicy inner) : IMigrationPolicy
    {
        public IMigrationPolicy Inner { get; set; } = inner;
        public string Name => "switching";
        public int MaxCandidates => 64;

        public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
            ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions) =>
            Inner.PlanMigrations(round, candidates, tiers, decisions);
    }
}
