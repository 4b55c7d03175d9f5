using TieredFs.Tiering.Recovery;

namespace TieredFs.Tiering.Tests.Recovery;

/// <summary>The scrub's range arithmetic: what of a data region no referenced range covers.</summary>
public sealed class UnreferencedRangesTests
{
    private static List<(long Start, long End)> Within((long, long) region, params (long, long)[] referenced)
    {
        var result = new List<(long Start, long End)>();
        UnreferencedRanges.Within(region, referenced, result);
        return result;
    }

    [Fact]
    public void Nothing_referenced_leaves_the_whole_region() =>
        Assert.Equal([(10L, 50L)], Within((10, 50)));

    [Fact]
    public void A_region_inside_a_referenced_range_leaves_nothing() =>
        Assert.Empty(Within((10, 50), (0, 100)));

    [Fact]
    public void Referenced_ranges_cut_the_region_into_the_gaps_between_them() =>
        Assert.Equal([(0L, 10L), (20L, 30L), (40L, 100L)], Within((0, 100), (10, 20), (30, 40)));

    [Fact]
    public void Ranges_overlapping_the_region_edges_are_clipped() =>
        Assert.Equal([(20L, 80L)], Within((0, 100), (-50, 20), (80, 200)));

    [Fact]
    public void Ranges_outside_the_region_do_not_matter() =>
        Assert.Equal([(100L, 200L)], Within((100, 200), (0, 50), (300, 400)));
}
