namespace TieredFs.Engine.Tests;

/// <summary>The move budget on its own: shares of device time, bytes per second, the one-move overdraft, burst.</summary>
public class MoveBudgetTokenBucketTests
{
    private static readonly EngineOptions Options = new() { BytesPerSecond = 4L << 20, MinMoveShare = 0.2, MaxMoveShare = 0.5 };
    private const long Extent = 1 << 20;

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 0.25)]
    [InlineData(0.6, 0.2)]
    [InlineData(1.0, 0.2)]
    [InlineData(3.0, 0.2)]
    public void The_share_of_device_time_shrinks_with_foreground_load_down_to_the_floor(double utilisation, double share)
    {
        Assert.Equal(share, new MoveBudget(2, Options).Share(utilisation), 10);
    }

    [Fact]
    public void Nothing_may_start_before_the_first_refill()
    {
        var b = new MoveBudget(2, Options);
        Assert.False(b.CanStart(1, 0, Extent));
        Assert.Equal(0, b.MovesAffordable(Extent, 10_000));
    }

    [Fact]
    public void A_move_may_overdraw_by_itself_and_the_debt_is_paid_back_before_the_next_starts()
    {
        var b = new MoveBudget(2, Options with { BytesPerSecond = Extent / 2 });
        b.Refill(1_000_000, _ => 0);
        Assert.True(b.CanStart(1, 0, Extent));
        b.Charge(1, 0, Extent, 10_000, 10_000);         // half an extent overdrawn
        Assert.False(b.CanStart(1, 0, Extent));
        b.Refill(1_000_000, _ => 0);               // back to exactly 0: still nothing to spend
        Assert.False(b.CanStart(1, 0, Extent));
        b.Refill(1_000_000, _ => 0);
        Assert.True(b.CanStart(1, 0, Extent));
    }

    [Fact]
    public void A_long_move_overdraws_device_time_and_blocks_that_tier_until_repaid()
    {
        var b = new MoveBudget(2, Options with { BytesPerSecond = 1L << 40 });
        b.Refill(1_000_000, _ => 0);               // 0.5 s per tier
        b.Charge(1, 0, Extent, 1_200_000, 1_200_000);         // one move of 1.2 s
        Assert.False(b.CanStart(1, 0, Extent));
        b.Refill(1_000_000, _ => 0);                // −0.7 + 0.5
        Assert.False(b.CanStart(1, 0, Extent));
        b.Refill(1_000_000, _ => 0);                // + 0.5 > 0
        Assert.True(b.CanStart(1, 0, Extent));
    }

    [Fact]
    public void Idle_rounds_do_not_bank_an_unbounded_burst()
    {
        var b = new MoveBudget(2, Options);
        for (int i = 0; i < 100; i++) b.Refill(1_000_000, _ => 0);
        int affordable = b.MovesAffordable(Extent, 10_000);
        Assert.InRange(affordable, 4, 2 * 4); // at most a couple of rounds' worth of 4 extents/s
    }

    [Fact]
    public void A_zero_rate_disables_moving()
    {
        var b = new MoveBudget(2, Options with { BytesPerSecond = 0 });
        b.Refill(1_000_000, _ => 0);
        Assert.False(b.Enabled);
        Assert.False(b.CanStart(1, 0, Extent));
        Assert.Equal(0, b.MovesAffordable(Extent, 10_000));
    }
}
