using System.Runtime.CompilerServices;
using TieredFs.Agents.Learning;

namespace TieredFs.Agents.Tests;

public class PendingRewardTrackerTests
{
    [Fact]
    public void FindsATrackedDecisionAndFinishesItIntoTheRing()
    {
        var ring = new ExperienceRing(16);
        var t = new PendingRewardTracker(64, ring);
        t.Add(extent: 7, state: 3, action: 1, fromTier: 1, toTier: 0, initialReward: -0.5f, nowEvent: 0);
        ref PendingDecision p = ref t.Find(7);
        Assert.False(Unsafe.IsNullRef(ref p));
        p.Reward += 2f;
        t.Finish(ref p);
        Assert.True(Unsafe.IsNullRef(ref t.Find(7)));
        Assert.True(ring.TryTake(out Experience e));
        Assert.Equal((3, 1, 1.5f, -1), (e.State, e.Action, e.Reward, e.NextState));
    }

    [Fact]
    public void UntrackedExtentIsANullRef()
    {
        var t = new PendingRewardTracker(64, new ExperienceRing(16));
        Assert.True(Unsafe.IsNullRef(ref t.Find(99)));
    }

    [Fact]
    public void ACollidingDecisionFinishesTheOlderOneEarly()
    {
        var ring = new ExperienceRing(16);
        var t = new PendingRewardTracker(1, ring); // one slot: everything collides
        t.Add(1, 10, 0, 0, 1, 0.25f, 0);
        t.Add(2, 20, 1, 1, 0, 0f, 1);
        Assert.True(ring.TryTake(out Experience e));
        Assert.Equal(10, e.State);
        Assert.Equal(0.25f, e.Reward);
        Assert.False(Unsafe.IsNullRef(ref t.Find(2)));
    }

    [Fact]
    public void ExpiryFinishesOnlyDecisionsOlderThanTheHorizon()
    {
        var ring = new ExperienceRing(16);
        var t = new PendingRewardTracker(64, ring);
        t.Add(1, 1, 0, 0, 1, 0f, nowEvent: 0);
        t.Add(2, 2, 0, 0, 1, 0f, nowEvent: 90);
        Assert.Equal(1, t.ExpireOlderThan(nowEvent: 100, horizonEvents: 50));
        Assert.True(Unsafe.IsNullRef(ref t.Find(1)));
        Assert.False(Unsafe.IsNullRef(ref t.Find(2)));
    }

    [Fact]
    public void RingDropsTheOldestWhenFull()
    {
        var ring = new ExperienceRing(2);
        ring.Add(new Experience(1, 0, 0, -1, 0));
        ring.Add(new Experience(2, 0, 0, -1, 0));
        ring.Add(new Experience(3, 0, 0, -1, 0));
        Assert.Equal(1, ring.Dropped);
        Assert.True(ring.TryTake(out Experience a));
        Assert.Equal(2, a.State);
    }
}
