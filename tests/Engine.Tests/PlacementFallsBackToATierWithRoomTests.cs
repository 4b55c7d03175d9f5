using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// <see cref="TieringEngine.Place"/> never evicts on the caller's thread: a tier without room is
/// never returned; the policy's choice falls to the next slower tier with room, then to any tier
/// with room, and −1 only when every tier is full.
/// </summary>
public class PlacementFallsBackToATierWithRoomTests
{
    private const long Extent = MiB;

    private static TierStatus Tier(long capacityExtents, long usedExtents) =>
        new(capacityExtents * Extent, usedExtents * Extent, 0.95, 0.85);

    private static int Place(int policyChoice, params TierStatus[] tiers)
    {
        var h = new EngineHarness(new PolicySet("fixed", new FixedPlacement(policyChoice), new NoMigration()),
            tiers.Select(t => t.CapacityBytes / Extent).ToArray());
        return h.Engine.Place(E(0), 4096, isWrite: true, tiers);
    }

    [Fact]
    public void The_policys_choice_is_kept_when_it_has_room() =>
        Assert.Equal(1, Place(1, Tier(10, 0), Tier(10, 0), Tier(10, 0)));

    [Fact]
    public void A_full_choice_falls_to_the_next_slower_tier_with_room() =>
        Assert.Equal(2, Place(0, Tier(10, 10), Tier(10, 10), Tier(10, 9)));

    [Fact]
    public void A_full_slowest_choice_falls_to_any_tier_with_room() =>
        Assert.Equal(0, Place(2, Tier(10, 3), Tier(10, 10), Tier(10, 10)));

    [Fact]
    public void Less_than_one_extent_of_room_is_no_room() =>
        Assert.Equal(1, Place(0, new TierStatus(10 * Extent, 10 * Extent - 4096, 0.95, 0.85), Tier(10, 0)));

    [Fact]
    public void Every_tier_full_gives_minus_one() =>
        Assert.Equal(-1, Place(0, Tier(10, 10), Tier(10, 10), Tier(4, 4)));

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void An_answer_that_names_no_tier_still_gets_a_tier_with_room(int policyChoice) =>
        Assert.Equal(1, Place(policyChoice, Tier(10, 10), Tier(10, 5), Tier(10, 10)));

    [Theory]
    [InlineData("static")]
    [InlineData("lru")]
    [InlineData("cde")]
    [InlineData("hps")]
    [InlineData("sibyl")]
    [InlineData("harmonia")]
    public void No_registry_policy_gets_a_tier_without_room_through_the_engine(string policy)
    {
        var rng = new Random(5);
        var h = new EngineHarness(Policy(policy, 3), [10, 10, 10]);
        for (int i = 0; i < 2000; i++)
        {
            var tiers = Enumerable.Range(0, 3).Select(_ =>
            {
                long cap = rng.Next(1, 20);
                return Tier(cap, rng.Next(0, 4) == 0 ? cap : rng.Next(0, (int)cap + 1));
            }).ToArray();
            int size = rng.Next(0, 2) == 0 ? 4096 : 1 << 20;
            int t = h.Engine.Place(E(i), size, isWrite: true, tiers);
            bool anyRoom = tiers.Any(s => s.RoomBelowCapacity >= Extent);
            if (!anyRoom) Assert.Equal(-1, t);
            else Assert.True(t >= 0 && tiers[t].RoomBelowCapacity >= Extent, $"{policy} got tier {t} without room");
        }
    }
}
