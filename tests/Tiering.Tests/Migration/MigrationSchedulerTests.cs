using TieredFs.Tiering.Tests.Infrastructure;

namespace TieredFs.Tiering.Tests.Migration;

/// <summary>
/// The live migration loop: accesses recorded by the data path reach the policy, and its decisions
/// move extents through the crash-safe mechanism without changing any byte.
/// </summary>
public sealed class MigrationSchedulerTests
{
    private const int Extent = 64 << 10;

    private static byte[] Bytes(int n, int seed)
    {
        var data = new byte[n];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Fact]
    public void Hot_extents_on_the_slow_tier_are_promoted_and_cold_ones_make_room()
    {
        // Five extents of fast tier, high watermark 0.9: placement and promotions fill four.
        using var v = new TempVolume(Extent, fastCapacity: 5 * Extent, policy: "lru");
        var cold = Bytes(5 * Extent, 1);
        var hot = Bytes(4 * Extent, 2);
        ulong coldIno = v.CreateFile("cold", cold);
        ulong hotIno = v.CreateFile("hot", hot);
        Assert.All(v.Volume.ExtentsOf(hotIno), e => Assert.Equal(1, e.TierRank));
        Assert.Equal(4, v.Volume.ExtentsOf(coldIno).Count(e => e.TierRank == 0));

        // Reads in distinct seconds: a hot file is touched again and again, not once.
        for (int round = 0; round < 12; round++)
        {
            for (int i = 0; i < 20; i++)
                Assert.Equal(hot, v.ReadFile(hotIno));
            v.Clock.Advance(TimeSpan.FromSeconds(1.1));
            v.Volume.RunMigrationRound();
        }

        Assert.All(v.Volume.ExtentsOf(hotIno), e => Assert.Equal(0, e.TierRank));
        Assert.All(v.Volume.ExtentsOf(coldIno), e => Assert.Equal(1, e.TierRank));
        // Each hot extent promoted once, each cold one demoted at most once: nothing bounces.
        var m = v.Volume.Migration!;
        Assert.Equal(4, m.Promotions);
        Assert.Equal(4, m.Demotions);
        Assert.Equal(8, m.Done);
        Assert.True(v.Volume.Tiers[0].UsedExtents <= 4);
        Assert.Equal(hot, v.ReadFile(hotIno));
        Assert.Equal(cold, v.ReadFile(coldIno));
    }

    [Fact]
    public void The_static_policy_never_moves_anything()
    {
        using var v = new TempVolume(Extent, fastCapacity: 4 * Extent, policy: "static");
        ulong ino = v.CreateFile("f", Bytes(6 * Extent, 3));
        var before = v.Volume.ExtentsOf(ino);
        for (int round = 0; round < 6; round++)
        {
            for (int i = 0; i < 10; i++)
                v.ReadFile(ino);
            v.Clock.Advance(TimeSpan.FromSeconds(1.1));
            v.Volume.RunMigrationRound();
        }
        Assert.Equal(0, v.Volume.Migration!.Done);
        Assert.Equal(before, v.Volume.ExtentsOf(ino));
    }

    [Fact]
    public void Harmonia_runs_on_a_live_volume_and_keeps_every_byte()
    {
        using var v = new TempVolume(Extent, fastCapacity: 4 * Extent, policy: "harmonia");
        var a = Bytes(5 * Extent, 4);
        var b = Bytes(5 * Extent, 5);
        ulong ia = v.CreateFile("a", a);
        ulong ib = v.CreateFile("b", b);
        for (int round = 0; round < 10; round++)
        {
            for (int i = 0; i < 10; i++)
                Assert.Equal(b, v.ReadFile(ib));
            v.Clock.Advance(TimeSpan.FromSeconds(1.1));
            v.Volume.RunMigrationRound();
        }
        Assert.Equal(a, v.ReadFile(ia));
        Assert.Equal(b, v.ReadFile(ib));
        Assert.True(v.Volume.Tiers[0].UsedExtents <= 4);
        Assert.Equal(10, v.Volume.Tiers[0].UsedExtents + v.Volume.Tiers[1].UsedExtents);
        Assert.True(v.Volume.Migration!.AccessesObserved > 0);
    }

    [Fact]
    public void Learned_tables_are_saved_at_close_and_a_corrupt_file_is_set_aside()
    {
        using var v = new TempVolume(Extent, fastCapacity: 4 * Extent, policy: "harmonia");
        v.CreateFile("a", Bytes(2 * Extent, 6));
        v.Reopen();
        string meta = Path.Combine(v.TierPath(0), "meta");
        var saved = Directory.GetFiles(meta, "agent-harmonia-*.bin");
        Assert.Equal(2, saved.Length);
        v.Reopen(whileClosed: () => File.WriteAllBytes(saved[0], [1, 2, 3, 4, 5]));
        Assert.True(File.Exists(saved[0] + ".corrupt"));
    }
}
