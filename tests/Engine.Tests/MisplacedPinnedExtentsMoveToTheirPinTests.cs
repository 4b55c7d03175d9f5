using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Pinning a file that already has extents elsewhere moves them: each round the engine asks the
/// mechanism for misplaced pinned extents and moves them to their pin, under any policy (even one
/// that never migrates), and no policy moves them off it afterwards.
/// </summary>
public class MisplacedPinnedExtentsMoveToTheirPinTests
{
    [Theory]
    [InlineData("static")]
    [InlineData("sibyl")]
    [InlineData("lru")]
    [InlineData("cde")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    public void Extents_on_the_wrong_tier_move_to_their_pin_and_stay(string policy)
    {
        const ulong toSlow = 7, toFast = 8;
        var h = new EngineHarness(Policy(policy, 2), [16, 1000]).WithRealisticWatermarks();
        for (int i = 0; i < 3; i++) h.Tiers.Add(ExtentId.Of(toSlow, i), 0);
        for (int i = 0; i < 2; i++) h.Tiers.Add(ExtentId.Of(toFast, i), 1);
        h.Tiers.PinFile(toSlow, 1);
        h.Tiers.PinFile(toFast, 0);

        h.RunRound();

        for (int i = 0; i < 3; i++) Assert.Equal(1, h.Tiers.TierOf(ExtentId.Of(toSlow, i)));
        for (int i = 0; i < 2; i++) Assert.Equal(0, h.Tiers.TierOf(ExtentId.Of(toFast, i)));
        Assert.Equal(5, h.Stats.PinMoves);
        Assert.Equal(5, h.Tiers.Moves.Count);

        // Afterwards: the fast-pinned extents go cold and the slow-pinned ones hot; nothing moves.
        for (int r = 0; r < 40; r++)
        {
            for (int i = 0; i < 3; i++)
                for (int k = 0; k < 10; k++) h.AccessNow(ExtentId.Of(toSlow, i), 1_000 + k * 90_000);
            h.RunRound();
        }
        Assert.Equal(5, h.Tiers.Moves.Count);
    }

    [Fact]
    public void A_pinned_extent_takes_the_place_of_an_unpinned_one_on_a_full_pinned_tier()
    {
        const ulong file = 9;
        var h = new EngineHarness(Policy("static", 2), [2, 100]);
        h.Tiers.Add(E(0), 0);
        h.Tiers.Add(E(1), 0);
        h.Tiers.Add(ExtentId.Of(file, 0), 1);
        h.Tiers.PinFile(file, 0);

        h.RunRound();
        // The admin's pin outranks heat: one unpinned resident goes down, the pinned extent up.
        Assert.Equal(0, h.Tiers.TierOf(ExtentId.Of(file, 0)));
        Assert.Equal(2, h.Tiers.Moves.Count);
        Assert.Equal(1, h.Engine.Stats.PinMoves);
        Assert.Equal(1, h.Engine.Stats.Evictions);
    }

    [Fact]
    public void A_pinned_extent_never_displaces_another_pinned_one()
    {
        const ulong file = 9, other = 10;
        var h = new EngineHarness(Policy("static", 2), [1, 100]);
        h.Tiers.Add(ExtentId.Of(other, 0), 0);
        h.Tiers.PinFile(other, 0);
        h.Tiers.Add(ExtentId.Of(file, 0), 1);
        h.Tiers.PinFile(file, 0);

        h.RunRound();
        Assert.Equal(1, h.Tiers.TierOf(ExtentId.Of(file, 0)));
        Assert.Empty(h.Tiers.Moves);
    }
}
