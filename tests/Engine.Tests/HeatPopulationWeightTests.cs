namespace TieredFs.Engine.Tests;

/// <summary>
/// The shrinkage weight on its own: near 0 when every extent's rate is the same (the spread of
/// counts is Poisson noise), near 1 when there is a real hot set.
/// </summary>
public class HeatPopulationWeightTests
{
    private const double HalfLifeUs = 10_000_000, WindowUs = 1_000_000;

    private static HeatTable Feed(int extents, int seconds, int accessesPerSecond, Func<Random, int> pick, out double nowUs)
    {
        var heat = new HeatTable(HalfLifeUs, WindowUs, 1 << 16);
        var rng = new Random(11);
        for (int s = 0; s < seconds; s++)
            for (int i = 0; i < accessesPerSecond; i++)
                heat.RecordAccess(new ExtentId(pick(rng)), 1, s * 1e6 + (double)i / accessesPerSecond * 1e6);
        nowUs = seconds * 1e6;
        return heat;
    }

    [Theory]
    [InlineData(0.5)]  // one access per extent every two seconds
    [InlineData(2.0)]
    [InlineData(10.0)]
    public void Uniform_access_gives_a_weight_near_zero(double perExtentPerSecond)
    {
        const int extents = 1000;
        var heat = Feed(extents, 60, (int)(extents * perExtentPerSecond), r => r.Next(extents), out double now);

        var population = HeatPopulation.Measure(heat, now, extents);

        Assert.InRange(population.Weight, 0, 0.15);
    }

    [Fact]
    public void A_hot_set_gives_a_weight_near_one()
    {
        const int extents = 1000;
        var heat = Feed(extents, 60, 2000, r => r.NextDouble() < 0.9 ? r.Next(200) : r.Next(extents), out double now);

        var population = HeatPopulation.Measure(heat, now, extents);

        Assert.InRange(population.Weight, 0.85, 1);
    }

    [Fact]
    public void Shrunk_values_keep_the_order_of_observed_ones_and_collapse_to_the_mean_at_weight_zero()
    {
        var some = new HeatPopulation(MeanTouches: 4, MeanHits: 10, Weight: 0.5);
        Assert.True(some.ShrinkHits(20) > some.ShrinkHits(5));
        Assert.Equal(15, some.ShrinkHits(20), 10);
        var none = new HeatPopulation(4, 10, 0);
        Assert.Equal(none.ShrinkHits(0), none.ShrinkHits(1000));
        Assert.Equal(4, none.ShrinkTouches(37));
    }

    [Fact]
    public void Untracked_resident_extents_count_as_zero()
    {
        // 100 tracked extents equally warm among 10 000 resident: a clear (small) hot set.
        var heat = Feed(100, 30, 200, r => r.Next(100), out double now);

        Assert.InRange(HeatPopulation.Measure(heat, now, 100).Weight, 0, 0.15);
        Assert.InRange(HeatPopulation.Measure(heat, now, 10_000).Weight, 0.85, 1);
    }
}
