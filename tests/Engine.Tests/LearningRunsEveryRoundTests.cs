using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Engine.Tests.Infrastructure;

namespace TieredFs.Engine.Tests;

/// <summary>Every round asks the migration policy to plan and every learning policy to learn, even when there is nothing to offer or no budget.</summary>
public class LearningRunsEveryRoundTests
{
    [Fact]
    public void An_idle_volume_still_plans_and_learns_every_round()
    {
        var learner = new RecordingLearner();
        var h = new EngineHarness(new PolicySet("rec", new StaticFastestFirst(), learner), [16, 100]);

        for (int r = 0; r < 7; r++) h.RunRound();

        Assert.Equal(7, learner.LearnCalls);
        Assert.Equal(7, learner.PlanCalls);
        Assert.All(learner.CandidatesPerPlan, n => Assert.Equal(0, n));
    }

    [Fact]
    public void Learning_runs_every_round_with_migration_turned_off()
    {
        var learner = new RecordingLearner();
        var h = new EngineHarness(new PolicySet("rec", new StaticFastestFirst(), learner), [16, 100],
            new EngineOptions { BytesPerSecond = 0 });
        h.Tiers.Add(HarnessIds.Slow, 1);

        for (int r = 0; r < 5; r++)
        {
            h.AccessNow(HarnessIds.Slow);
            h.RunRound();
        }

        Assert.Equal(5, learner.LearnCalls);
        Assert.Empty(h.Tiers.Moves);
    }

    [Fact]
    public void A_learning_placement_policy_learns_every_round_beside_a_policy_that_never_migrates()
    {
        var placement = new LearningPlacement();
        var h = new EngineHarness(new PolicySet("rec", placement, new NoMigration()), [16, 100]);

        for (int r = 0; r < 6; r++) h.RunRound();

        Assert.Equal(6, placement.LearnCalls);
    }

    [Fact]
    public void A_policy_that_is_both_placement_and_migration_learns_once_per_round()
    {
        var both = new LearningBoth();
        var h = new EngineHarness(new PolicySet("both", both, both), [16, 100]);

        for (int r = 0; r < 4; r++) h.RunRound();

        Assert.Equal(4, both.LearnCalls);
    }

    private static class HarnessIds
    {
        public static readonly ExtentId Slow = EngineHarness.E(0);
    }

    private sealed class LearningBoth : IPlacementPolicy, IMigrationPolicy, ILearningPolicy
    {
        public int LearnCalls { get; private set; }
        public string Name => "both";
        public int MaxCandidates => 8;
        public int TableBytes => 0;
        public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers) => 0;
        public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
            ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions) => 0;
        public int Learn() => ++LearnCalls;
    }
}
