using TieredFs.Tiering.Migration;
using TieredFs.Tiering.Tests.Infrastructure;

namespace TieredFs.Tiering.Tests.Migration;

/// <summary>Moving one extent between tiers: data, layout, accounting and persistence.</summary>
public sealed class MoveExtentTests
{
    private const int Extent = 64 << 10;

    private static byte[] RandomBytes(int n, int seed)
    {
        var data = new byte[n];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Fact]
    public void Move_keeps_the_bytes_and_changes_only_that_extent()
    {
        using var v = new TempVolume(Extent);
        var data = RandomBytes(3 * Extent + 123, 1);
        ulong ino = v.CreateFile("f", data);
        Assert.All(v.Volume.ExtentsOf(ino), e => Assert.Equal(0, e.TierRank));

        Assert.Equal(MoveOutcome.Moved, v.Volume.MoveExtent(ino, 1, targetRank: 1));

        Assert.Equal([(0L, 0), (1L, 1), (2L, 0), (3L, 0)], v.Volume.ExtentsOf(ino));
        Assert.Equal(data, v.ReadFile(ino));
        Assert.Equal(3, v.Volume.Tiers[0].UsedExtents);
        Assert.Equal(1, v.Volume.Tiers[1].UsedExtents);
    }

    [Fact]
    public void After_a_move_the_old_tier_has_a_hole_and_the_new_tier_the_bytes()
    {
        using var v = new TempVolume(Extent);
        var data = RandomBytes(2 * Extent, 2);
        ulong ino = v.CreateFile("f", data);
        v.Volume.MoveExtent(ino, 0, 1);

        string fastFile = v.Volume.Tiers[0].DataFilePath(ino);
        string slowFile = v.Volume.Tiers[1].DataFilePath(ino);
        var fast = File.ReadAllBytes(fastFile);
        var slow = File.ReadAllBytes(slowFile);
        Assert.True(fast.AsSpan(0, Extent).IndexOfAnyExcept((byte)0) < 0, "the source range must be punched");
        Assert.Equal(data.AsSpan(Extent, Extent).ToArray(), fast.AsSpan(Extent, Extent).ToArray());
        Assert.Equal(data.AsSpan(0, Extent).ToArray(), slow.AsSpan(0, Extent).ToArray());
    }

    [Fact]
    public void A_move_survives_a_restart()
    {
        using var v = new TempVolume(Extent);
        var data = RandomBytes(2 * Extent, 3);
        ulong ino = v.CreateFile("f", data);
        v.Volume.MoveExtent(ino, 1, 1);
        v.Reopen();
        Assert.Equal([(0L, 0), (1L, 1)], v.Volume.ExtentsOf(ino));
        Assert.Equal(data, v.ReadFile(ino));
        Assert.Equal(1, v.Volume.Tiers[1].UsedExtents);
    }

    [Fact]
    public void Moving_to_the_tier_it_is_on_or_a_missing_extent_changes_nothing()
    {
        using var v = new TempVolume(Extent);
        ulong ino = v.CreateFile("f", RandomBytes(Extent, 4));
        Assert.Equal(MoveOutcome.AlreadyThere, v.Volume.MoveExtent(ino, 0, 0));
        Assert.Equal(MoveOutcome.NoSuchExtent, v.Volume.MoveExtent(ino, 7, 1));
        Assert.Equal(MoveOutcome.NoSuchExtent, v.Volume.MoveExtent(999_999, 0, 1));
    }

    [Fact]
    public void A_full_target_refuses_the_move()
    {
        using var v = new TempVolume(Extent, fastCapacity: 2 * Extent);
        ulong a = v.CreateFile("a", RandomBytes(Extent, 5)); // fast (below 90% of 2 extents? no: 1 extent = 50%)
        ulong b = v.CreateFile("b", RandomBytes(2 * Extent, 6));
        // Move everything of b to fast until it is full.
        var outcomes = v.Volume.ExtentsOf(b).Select(e => v.Volume.MoveExtent(b, e.Index, 0)).ToList();
        Assert.Contains(MoveOutcome.TargetFull, outcomes);
        Assert.True(v.Volume.Tiers[0].UsedExtents <= 2);
        Assert.Equal(RandomBytes(Extent, 5), v.ReadFile(a));
        Assert.Equal(RandomBytes(2 * Extent, 6), v.ReadFile(b));
    }

    [Fact]
    public void A_file_unlinked_while_its_extent_moves_is_deleted_when_the_move_ends()
    {
        using var v = new TempVolume(Extent);
        ulong ino = v.CreateFile("f", RandomBytes(2 * Extent, 7));
        v.Volume.MoveStepObserver = step =>
        {
            if (step == MoveStep.Copied)
                Assert.Equal(0, v.Volume.Unlink(TieredFs.Tiering.Volume.Volume.RootIno, "f"u8));
        };
        Assert.Equal(MoveOutcome.Moved, v.Volume.MoveExtent(ino, 0, 1));
        Assert.NotEqual(0, v.Volume.GetAttributes(ino, out _));
        Assert.False(File.Exists(v.Volume.Tiers[0].DataFilePath(ino)));
        Assert.False(File.Exists(v.Volume.Tiers[1].DataFilePath(ino)));
        Assert.Equal(0, v.Volume.Tiers[0].UsedExtents + v.Volume.Tiers[1].UsedExtents);
    }
}
