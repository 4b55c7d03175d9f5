using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Tests.Recovery;

/// <summary>What a data file may hold: its tier's extents, cut at the committed size.</summary>
public sealed class CommittedLayoutTests
{
    private const long E = 100;

    [Fact]
    public void Only_extents_on_the_tier_count_and_adjacent_ones_merge()
    {
        var layout = new CommittedLayout(1000, [(0, 1), (1, 1), (2, 2), (3, 1)]);
        Assert.Equal([(0L, 200L), (300L, 400L)], layout.ReferencedRanges(1, E));
        Assert.Equal([(200L, 300L)], layout.ReferencedRanges(2, E));
    }

    [Fact]
    public void The_last_extent_ends_at_the_committed_size()
    {
        var layout = new CommittedLayout(150, [(0, 1), (1, 1)]);
        Assert.Equal([(0L, 150L)], layout.ReferencedRanges(1, E));
    }

    [Fact]
    public void Extents_wholly_past_the_committed_size_reference_nothing()
    {
        // A flush can commit an extent before the size of the write that placed it; a crash then
        // leaves it past the end, holding bytes nobody acknowledged.
        var layout = new CommittedLayout(0, [(0, 1), (5, 1)]);
        Assert.Empty(layout.ReferencedRanges(1, E));
    }
}
