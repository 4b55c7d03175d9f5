using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Policies;
using TieredFs.Agents.Rewards;
using static TieredFs.Agents.Tests.Infrastructure.Fixtures;

namespace TieredFs.Agents.Tests;

public class HarmoniaPlacementTests
{
    // A toy environment: fast tier 10 µs, slow 10 ms; the fast tier is full, so a fast
    // placement evicts one extent. Small writes belong to extents read 5 more times; 1 MiB
    // writes are never touched again.
    private static readonly TierStatus[] s_fullFast = [Tier(100, 100), Tier(10_000, 100)];

    private static PlacementRequest Small(long e) => new(e, 4096, true, -1, Extent);
    private static PlacementRequest Large(long e) => new(e, 1 << 20, true, -1, Extent);

    private static void Feed(HarmoniaPlacement p, long extent, int tier, bool evicted, int accesses)
    {
        double lat(int t) => t == 0 ? 10 : 10_000;
        p.OnAccess(new AccessEvent(extent, tier, true, 4096, lat(tier), evicted ? 1 : 0));
        for (int i = 0; i < accesses; i++) p.OnAccess(new AccessEvent(extent, tier, false, 4096, lat(tier), 0));
    }

    private static HarmoniaPlacement Trained(ulong seed)
    {
        var p = new HarmoniaPlacement(2, new TierPressure(), seed, new PlacementKnobs { Epsilon = 0.2 });
        // Teach the latency model what each tier costs.
        for (int i = 0; i < 50; i++)
        {
            p.OnAccess(new AccessEvent(-1, 0, false, 4096, 10, 0));
            p.OnAccess(new AccessEvent(-1, 1, false, 4096, 10_000, 0));
            p.OnAccess(new AccessEvent(-1, 0, true, 4096, 10, 0));
            p.OnAccess(new AccessEvent(-1, 1, true, 4096, 10_000, 0));
        }
        long e = 0;
        for (int round = 0; round < 400; round++)
        {
            int t = p.ChooseTier(Small(++e), s_fullFast);
            Feed(p, e, t, evicted: t == 0, accesses: 5);
            t = p.ChooseTier(Large(++e), s_fullFast);
            Feed(p, e, t, evicted: t == 0, accesses: 0);
            p.Learn();
        }
        // Extents that never came back are scored when the horizon passes.
        for (long i = 0; i <= new PlacementKnobs().HorizonRounds; i++) p.Learn();
        return p;
    }

    [Fact]
    public void LearnsToSpendAFullFastTierOnlyOnReusedData()
    {
        var p = Trained(3);
        int hot = HarmoniaPlacement.EncodeState(Small(1), s_fullFast);
        int cold = HarmoniaPlacement.EncodeState(Large(1), s_fullFast);
        Assert.Equal(0, p.Table.ArgMax(hot, 0b11));
        Assert.Equal(1, p.Table.ArgMax(cold, 0b11));
        Assert.True(p.Table.Get(cold, 0) < 0, "a cold fast placement costs an eviction and occupancy");
    }

    [Fact]
    public void DataReadSoonAfterABurstOfWritesIsPlacedOnTheFastTier()
    {
        // Ingest: each 1 MiB extent arrives as eight writes (as fast on either tier: they land in
        // the tier file system's cache), then is read a few times while later extents arrive.
        var p = new HarmoniaPlacement(2, new TierPressure(), 7, new PlacementKnobs { Epsilon = 0.2 });
        for (int i = 0; i < 50; i++)
        {
            p.OnAccess(new AccessEvent(-1, 0, false, 4096, 10, 0));
            p.OnAccess(new AccessEvent(-1, 1, false, 4096, 10_000, 0));
        }
        TierStatus[] filling = [Tier(100, 60), Tier(10_000, 100)];
        var placed = new Queue<(long Extent, int Tier)>();
        for (long e = 1; e <= 600; e++)
        {
            int t = p.ChooseTier(Large(e), filling);
            for (int w = 0; w < 8; w++) p.OnAccess(new AccessEvent(e, t, true, 128 << 10, 20, 0));
            placed.Enqueue((e, t));
            if (placed.Count > 10)
            {
                var (old, tier) = placed.Dequeue();
                for (int r = 0; r < 4; r++) p.OnAccess(new AccessEvent(old, tier, false, 4096, tier == 0 ? 10 : 10_000, 0));
            }
            p.Learn();
        }
        int state = HarmoniaPlacement.EncodeState(Large(1), filling);
        Assert.Equal(0, p.Table.ArgMax(state, 0b11));
    }

    [Fact]
    public void AChoiceTheVolumeOverrodeTeachesNothing()
    {
        // The agent picks the fast tier; the volume, finding it past its high watermark, puts the
        // extent on the slow one, where its reads are slow. That is no evidence against the fast tier.
        var p = new HarmoniaPlacement(2, new TierPressure(), 1, new PlacementKnobs { Epsilon = 0 });
        TierStatus[] atWatermark = [Tier(100, 95), Tier(10_000, 100)];
        for (long e = 1; e <= 200; e++)
        {
            Assert.Equal(0, p.ChooseTier(Large(e), atWatermark));
            p.OnAccess(new AccessEvent(e, 1, true, 128 << 10, 20, 0));
            for (int r = 0; r < 4; r++) p.OnAccess(new AccessEvent(e, 1, false, 4096, 10_000, 0));
            p.Learn();
        }
        Assert.All(p.Table.Values.ToArray(), q => Assert.Equal(0f, q));
    }

    [Fact]
    public void SameSeedSameDecisions()
    {
        var a = Trained(11);
        var b = Trained(11);
        Assert.True(a.Table.Values.SequenceEqual(b.Table.Values));
    }

    [Fact]
    public void NeverChoosesAFullSlowestTier()
    {
        var p = new HarmoniaPlacement(2, new TierPressure(), 1, new PlacementKnobs { Epsilon = 1.0 });
        TierStatus[] tiers = [Tier(10, 0), Tier(10, 10)];
        for (int i = 0; i < 200; i++) Assert.Equal(0, p.ChooseTier(Small(i), tiers));
        Assert.Equal(-1, p.ChooseTier(Small(1), [Tier(10, 10)]));
    }

    [Fact]
    public void PersistenceRoundTripKeepsTheLearnedPolicy()
    {
        var p = Trained(5);
        using var ms = new MemoryStream();
        p.Save(ms);
        var fresh = new HarmoniaPlacement(2, new TierPressure(), 99);
        ms.Position = 0;
        fresh.Load(ms);
        Assert.True(p.Table.Values.SequenceEqual(fresh.Table.Values));

        byte[] corrupt = ms.ToArray();
        corrupt[corrupt.Length / 2] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => fresh.Load(new MemoryStream(corrupt)));
        // A migration agent's file is not a placement agent's file.
        using var other = new MemoryStream();
        new HarmoniaMigration(2, new TierPressure(), 1).Save(other);
        other.Position = 0;
        Assert.Throws<InvalidDataException>(() => fresh.Load(other));
    }
}
