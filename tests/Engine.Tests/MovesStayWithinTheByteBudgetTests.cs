using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// <see cref="EngineOptions.BytesPerSecond"/> bounds what moves copy, whatever the policy asks:
/// a move starts only while budget is left, may overdraw by itself (the documented one-move
/// overdraft), and evictions forced by promotions are paid from the same budget.
/// </summary>
public class MovesStayWithinTheByteBudgetTests
{
    /// <summary>Extents already on the slowest tier that are hot in every round (admitted after three rounds).</summary>
    private static List<ExtentId> AddHot(EngineHarness h, int count, int firstIndex = 1000)
    {
        var hot = Enumerable.Range(firstIndex, count).Select(i => E(i)).ToList();
        foreach (var id in hot) h.Tiers.Add(id, h.Tiers.TierCount - 1);
        return hot;
    }

    /// <summary>Touches each extent still on the slowest tier, each at its own fixed offset in the round (so every round is a new touch).</summary>
    private static void TouchThoseStillSlow(EngineHarness h, List<ExtentId> ids)
    {
        for (int i = 0; i < ids.Count; i++)
            if (h.Tiers.TierOf(ids[i]) == h.Tiers.TierCount - 1)
                h.AccessNow(ids[i], 1_000 + i * 100);
    }

    /// <summary>
    /// Runs rounds and checks after each that (a) all moves so far copied no more than the budget
    /// refilled so far plus one extent (the one-move overdraft), and (b) replaying the round's moves
    /// on a <see cref="MoveBudget"/> refilled like the engine's, every move started while budget was
    /// left (none on a spent budget). Returns the number of moves per round.
    /// </summary>
    private static List<int> RunWithinBudget(EngineHarness h, List<ExtentId> hot, int rounds, double extentsPerSecond)
    {
        var ledger = new MoveBudget(h.Tiers.TierCount, h.Engine.Options);
        var perRound = new List<int>();
        for (int r = 1; r <= rounds; r++)
        {
            TouchThoseStillSlow(h, hot);
            int before = h.Tiers.Moves.Count;
            h.RunRound();
            var moves = h.MovesSince(before).ToList();
            perRound.Add(moves.Count);
            ledger.Refill(RoundUs, _ => 0);
            foreach (var m in moves)
            {
                Assert.True(ledger.CanStart(m.From, m.To, h.Tiers.ExtentBytes),
                    $"round {r}: move {m.Sequence} ({m.Id} {m.From}→{m.To}) started on a spent budget; moves per round: {string.Join(",", perRound)}");
                // Device time as the engine charges it: the move's wall time shared with the
                // foreground requests queued on each tier (Little's law).
                ledger.Charge(m.From, m.To, h.Tiers.ExtentBytes,
                    h.Engine.Meter.DeviceShareOf(m.From, InMemoryTiers.SourceShare * h.Tiers.MoveDurationUs),
                    h.Engine.Meter.DeviceShareOf(m.To, (1 - InMemoryTiers.SourceShare) * h.Tiers.MoveDurationUs));
            }
            double allowed = extentsPerSecond * r + 1;
            Assert.True(h.Tiers.Moves.Count <= allowed,
                $"after {r} s at {extentsPerSecond} extents/s, {h.Tiers.Moves.Count} moves (budget + one-move overdraft = {allowed}); per round: {string.Join(",", perRound)}");
        }
        return perRound;
    }

    [Fact]
    public void A_round_with_many_hot_candidates_moves_about_the_budget_and_counts_the_rest_as_over_budget()
    {
        var options = new EngineOptions { BytesPerSecond = 2 * MiB };
        var h = new EngineHarness(PromoteEveryHotCandidate.Set(), [1000, 1000], options);
        var hot = AddHot(h, 200);

        var perRound = RunWithinBudget(h, hot, rounds: 20, extentsPerSecond: 2);

        Assert.True(h.Tiers.Moves.Count >= 2 * 20 - 2 * 3, "the budget should be used once candidates are admitted");
        Assert.True(perRound.Skip(4).All(n => n is >= 1 and <= 3), $"moves per round: {string.Join(",", perRound)}");
        Assert.True(h.Stats.OverBudget > 0, "decisions left undone for lack of budget were not counted");
        Assert.Equal(h.Tiers.Moves.Count * MiB, h.Stats.BytesMoved);
    }

    [Fact]
    public void A_policy_that_respects_the_rounds_move_limit_stays_within_the_budget_too()
    {
        var options = new EngineOptions { BytesPerSecond = 2 * MiB };
        var h = new EngineHarness(Policy("lru", 2), [1000, 1000], options);
        var hot = AddHot(h, 200);

        RunWithinBudget(h, hot, rounds: 20, extentsPerSecond: 2);

        Assert.True(h.Tiers.Moves.Count >= 2 * 20 - 2 * 3);
    }

    [Fact]
    public void Evictions_forced_by_promotions_are_paid_from_the_same_budget()
    {
        var options = new EngineOptions { BytesPerSecond = 2 * MiB };
        var h = new EngineHarness(PromoteEveryHotCandidate.Set(), [16, 1000], options);
        for (int i = 0; i < 16; i++) h.Tiers.Add(E(i), 0); // full of never-touched extents
        var hot = AddHot(h, 100);

        RunWithinBudget(h, hot, rounds: 20, extentsPerSecond: 2);

        Assert.True(h.Stats.Evictions > 0, "no promotion needed an eviction: the test does not test anything");
        Assert.Equal(h.Stats.Evictions, h.Tiers.Moves.Count(m => !m.IsPromotion));
        Assert.Equal(h.Tiers.Moves.Count * MiB, h.Stats.BytesMoved);
        Assert.True(h.Stats.OverBudget > 0);
    }

    [Fact]
    public void A_promotion_that_first_needs_an_eviction_does_not_start_once_the_eviction_spent_the_budget()
    {
        // Half an extent per second: a round may start one move (overdrawing by half an extent and
        // paying it back over the next rounds) — not an eviction and then, on a spent budget, a promotion.
        var options = new EngineOptions { BytesPerSecond = MiB / 2 };
        var h = new EngineHarness(PromoteEveryHotCandidate.Set(), [16, 1000], options);
        for (int i = 0; i < 16; i++) h.Tiers.Add(E(i), 0);
        var hot = AddHot(h, 100);

        RunWithinBudget(h, hot, rounds: 20, extentsPerSecond: 0.5);
    }
}
