using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using static TieredFs.Agents.Tests.Infrastructure.Fixtures;

namespace TieredFs.Agents.Tests;

public class StaticFastestFirstTests
{
    [Fact]
    public void FastestBelowWatermarkThenFastestWithRoomThenNone()
    {
        var p = new StaticFastestFirst();
        var req = new PlacementRequest(1, 4096, true, -1, Extent);
        Assert.Equal(0, p.ChooseTier(req, [Tier(100, 10), Tier(1000, 0)]));
        Assert.Equal(1, p.ChooseTier(req, [Tier(100, 96), Tier(1000, 0)]));
        Assert.Equal(0, p.ChooseTier(req, [Tier(100, 96), Tier(100, 99)]));
        Assert.Equal(-1, p.ChooseTier(req, [Tier(100, 100), Tier(100, 100)]));
    }
}

public class LruPromotionTests
{
    [Fact]
    public void PromotesRecentSlowExtentsInOfferedOrderUpToTheBudget()
    {
        var p = new LruPromotion();
        MigrationCandidate[] c = [Hot(1, 1, 1), Cold(9, 0, 0), Hot(2, 2, 5), Hot(3, 1, 1)];
        var d = Plan(p, c, [Tier(10, 10), Tier(20, 20), Tier(100, 50)], budget: 2);
        Assert.Equal([new MigrationDecision(1, 1, 0), new MigrationDecision(2, 2, 1)], d);
    }

    [Fact]
    public void PlacesOnTheFastestTierEvenWhenFull()
    {
        var p = new LruPromotion();
        var req = new PlacementRequest(1, 4096, true, -1, Extent);
        Assert.Equal(0, p.ChooseTier(req, [Tier(10, 10), Tier(100, 0)]));
    }
}

public class ColdDataEvictionTests
{
    [Fact]
    public void SmallWritesGoFastLargeColdOnesGoSlow()
    {
        var p = new ColdDataEviction();
        ReadOnlySpan<TierStatus> tiers = [Tier(100, 0), Tier(1000, 0)];
        Assert.Equal(0, p.ChooseTier(new PlacementRequest(1, 4096, true, -1, Extent), tiers));
        Assert.Equal(1, p.ChooseTier(new PlacementRequest(2, 512 * 1024, true, -1, Extent), tiers));
        Assert.Equal(0, p.ChooseTier(new PlacementRequest(3, 512 * 1024, true, -1, Extent) { AccessCount = 5 }, tiers));
    }

    [Fact]
    public void EvictsColdestDownToTheLowWatermarkOnlyWhenAboveTheHighOne()
    {
        var p = new ColdDataEviction();
        MigrationCandidate[] cold = [Cold(1, 0, 0), Cold(2, 0, 0), Cold(3, 0, 0)];
        Assert.Empty(Plan(p, cold, [Tier(100, 90), Tier(1000, 0)]));
        // 97 used of 100: evict until ≤ 85; only three candidates were offered.
        var d = Plan(p, cold, [Tier(100, 97), Tier(1000, 0)]);
        Assert.Equal(3, d.Length);
        Assert.All(d, x => Assert.Equal((0, 1), (x.FromTier, x.ToTier)));
        var d2 = Plan(p, cold, [Tier(100, 96), Tier(1000, 0)]);
        Assert.Equal(3, d2.Length);
    }

    [Fact]
    public void PromotesProvenHotExtentsWhileThereIsRoom()
    {
        var p = new ColdDataEviction();
        var d = Plan(p, [Hot(1, 1, 1), Hot(2, 1, 3)], [Tier(100, 50), Tier(1000, 0)]);
        Assert.Equal([new MigrationDecision(2, 1, 0)], d);
    }
}

public class HistoryPageSelectionTests
{
    [Fact]
    public void SwapsHotterSlowExtentsWithColderFastOnes()
    {
        var p = new HistoryPageSelection();
        MigrationCandidate[] c = [Hot(1, 1, 3), Hot(2, 1, 10), Hot(3, 1, 1), Cold(7, 0, 4), Cold(8, 0, 0.5)];
        var d = Plan(p, c, [Tier(10, 10), Tier(100, 50)]);
        // Hottest first (2 ↔ coldest 8), then 1 (count 3) is not hotter than 7 (count 4): stop.
        Assert.Equal([new MigrationDecision(8, 0, 1), new MigrationDecision(2, 1, 0)], d);
    }

    [Fact]
    public void FillsFreeRoomWithoutSwapping()
    {
        var p = new HistoryPageSelection();
        var d = Plan(p, [Hot(1, 1, 3), Cold(7, 0, 0)], [Tier(10, 2), Tier(100, 50)]);
        Assert.Equal([new MigrationDecision(1, 1, 0)], d);
    }
}

public class OracleTests
{
    private sealed class FakeFuture(Dictionary<long, long> next) : IFutureKnowledge
    {
        public long DistanceToNextUse(long extentIndex) => next.TryGetValue(extentIndex, out long d) ? d : long.MaxValue;
        public int UpcomingExtents(int requests, Span<long> extents) => 0;
    }

    [Fact]
    public void PlacesByReuseDistance()
    {
        var o = new Oracle(new FakeFuture(new() { [1] = 5, [2] = 5000 }), horizonRequests: 100);
        ReadOnlySpan<TierStatus> tiers = [Tier(10, 10), Tier(20, 0), Tier(1000, 0)];
        Assert.Equal(0, o.ChooseTier(new PlacementRequest(1, 4096, true, -1, Extent), tiers));
        Assert.Equal(1, o.ChooseTier(new PlacementRequest(2, 4096, true, -1, Extent), tiers));
        Assert.Equal(2, o.ChooseTier(new PlacementRequest(3, 4096, true, -1, Extent), tiers)); // never reused
    }

    [Fact]
    public void SwapsSoonestNeededInForFurthestNeededOut()
    {
        var o = new Oracle(new FakeFuture(new() { [1] = 3, [2] = 50, [7] = 10, [8] = 900 }), horizonRequests: 100);
        MigrationCandidate[] c = [Hot(2, 1, 1), Hot(1, 1, 1), Cold(7, 0, 9), Cold(8, 0, 9)];
        var d = Plan(o, c, [Tier(10, 10), Tier(100, 50)]);
        // 1 (next use 3) swaps with 8 (900); 2 (50) is needed later than 7 (10): stays.
        Assert.Equal([new MigrationDecision(8, 0, 1), new MigrationDecision(1, 1, 0)], d);
    }
}

public class PolicyRegistryTests
{
    [Fact]
    public void ListsAllPolicyNamesInReportOrder()
    {
        var r = PolicyRegistry.CreateDefault();
        Assert.Equal(["static", "lru", "cde", "hps", "sibyl", "archivist", "harmonia", "oracle"], r.Names);
    }

    [Theory]
    [InlineData("static")]
    [InlineData("LRU")]
    [InlineData("cde")]
    [InlineData("hps")]
    [InlineData("sibyl")]
    [InlineData("harmonia")]
    public void CreatesEachLivePolicy(string name)
    {
        var set = PolicyRegistry.CreateDefault().Create(name, new PolicyContext(2, Extent, 1));
        Assert.Equal(name.ToLowerInvariant(), set.Name);
        Assert.NotNull(set.Placement);
        Assert.NotNull(set.Migration);
    }

    [Fact]
    public void OracleAndArchivistNeedTheSimulator()
    {
        var r = PolicyRegistry.CreateDefault();
        Assert.Throws<NotSupportedException>(() => r.Create("oracle", new PolicyContext(2, Extent, 1)));
        Assert.Throws<NotSupportedException>(() => r.Create("archivist", new PolicyContext(2, Extent, 1)));
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => PolicyRegistry.CreateDefault().Create("fifo", new PolicyContext(2, Extent, 1)));
        Assert.Contains("harmonia", ex.Message);
    }

    [Fact]
    public void RegisterReplacesByName()
    {
        var r = PolicyRegistry.CreateDefault();
        r.Register("static", c => PolicyRegistry.CreateHarmonia(c));
        Assert.Equal(8, r.Names.Count);
        Assert.Equal("harmonia", r.Create("static", new PolicyContext(2, Extent, 1)).Name);
    }
}
