using System.Text;
using TieredFs.Tiering.Migration;
using TieredFs.Tiering.Tests.Infrastructure;

namespace TieredFs.Tiering.Tests.Migration;

/// <summary>
/// Pins on a live volume, under every policy that migrates: a file pinned to the slow tier stays
/// there however hot it gets, a file pinned to the fast tier is moved there by the engine, and
/// the mover itself refuses to take a pinned extent anywhere but its pin.
/// </summary>
public sealed class PinsAreLawTests
{
    private const int Extent = 64 << 10;
    private static readonly byte[] s_pin = Encoding.ASCII.GetBytes("user.tieredfs.pin");

    private static byte[] Bytes(int n, int seed)
    {
        var data = new byte[n];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static void HeatUp(TempVolume v, ulong ino, byte[] expected, int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < 20; i++)
                Assert.Equal(expected, v.ReadFile(ino));
            v.Clock.Advance(TimeSpan.FromSeconds(1.1));
            v.Volume.RunMigrationRound();
        }
    }

    [Theory]
    [InlineData("lru")]
    [InlineData("cde")]
    [InlineData("hps")]
    [InlineData("harmonia")]
    public void A_hot_file_pinned_to_the_slow_tier_is_never_promoted(string policy)
    {
        using var v = new TempVolume(Extent, fastCapacity: 16 * Extent, policy: policy);
        var hot = Bytes(4 * Extent, 1);
        ulong ino = v.CreateFile("pinned-hot", hot);
        Assert.All(v.Volume.ExtentsOf(ino), e => Assert.Equal(0, e.TierRank));
        // Pinned after it was written on the fast tier: the engine moves it down first.
        Assert.Equal(0, v.Volume.SetXattr(ino, s_pin, "slow"u8, 0));
        HeatUp(v, ino, hot, 2);
        Assert.All(v.Volume.ExtentsOf(ino), e => Assert.Equal(1, e.TierRank));

        // Then it is the hottest file on the volume, with room to spare on the fast tier.
        HeatUp(v, ino, hot, 15);

        Assert.All(v.Volume.ExtentsOf(ino), e => Assert.Equal(1, e.TierRank));
        Assert.Equal(hot, v.ReadFile(ino));
    }

    [Theory]
    [InlineData("static")]
    [InlineData("lru")]
    [InlineData("harmonia")]
    public void Pinning_a_file_to_the_fast_tier_moves_its_extents_there_evicting_unpinned_ones(string policy)
    {
        using var v = new TempVolume(Extent, fastCapacity: 4 * Extent, policy: policy);
        var filler = Bytes(8 * Extent, 2);
        ulong fillerIno = v.CreateFile("filler", filler);
        var data = Bytes(3 * Extent, 3);
        ulong ino = v.CreateFile("later", data);
        Assert.All(v.Volume.ExtentsOf(ino), e => Assert.Equal(1, e.TierRank));

        Assert.Equal(0, v.Volume.SetXattr(ino, s_pin, "fast"u8, 0));
        for (int round = 0; round < 5; round++)
        {
            v.Clock.Advance(TimeSpan.FromSeconds(1.1));
            v.Volume.RunMigrationRound();
        }

        Assert.All(v.Volume.ExtentsOf(ino), e => Assert.Equal(0, e.TierRank));
        Assert.Equal(3, v.Volume.Migration!.PinMoves);
        Assert.True(v.Volume.Tiers[0].UsedExtents <= 4);
        Assert.Equal(data, v.ReadFile(ino));
        Assert.Equal(filler, v.ReadFile(fillerIno));
    }

    [Fact]
    public void The_mover_refuses_to_take_a_pinned_extent_off_its_pin()
    {
        using var v = new TempVolume(Extent, fastCapacity: 16 * Extent, policy: "static");
        ulong ino = v.CreateFile("f", Bytes(2 * Extent, 4));
        Assert.Equal(0, v.Volume.SetXattr(ino, s_pin, "fast"u8, 0));

        Assert.Equal(MoveOutcome.Pinned, v.Volume.MoveExtent(ino, 0, 1));
        Assert.All(v.Volume.ExtentsOf(ino), e => Assert.Equal(0, e.TierRank));
    }
}
