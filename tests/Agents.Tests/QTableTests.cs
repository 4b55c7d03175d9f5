using TieredFs.Agents.Learning;

namespace TieredFs.Agents.Tests;

public class QTableTests
{
    [Fact]
    public void SizeIsPowerOfTwoStatesTimesActions()
    {
        var q = new QTable(10, 2, 0f);
        Assert.Equal(1024, q.StateCount);
        Assert.Equal(4, q.ActionCount);
        Assert.Equal(1024 * 4 * sizeof(float), q.Bytes);
    }

    [Fact]
    public void ArgMaxRespectsTheValidMask()
    {
        var q = new QTable(2, 2, 0f);
        q.Set(1, 0, 5f);
        q.Set(1, 2, 3f);
        Assert.Equal(0, q.ArgMax(1, 0b1111));
        Assert.Equal(2, q.ArgMax(1, 0b0110));
        Assert.Equal(-1, q.ArgMax(1, 0));
    }

    [Fact]
    public void MoveTowardsTakesAnAlphaStep()
    {
        var q = new QTable(1, 1, 1f);
        q.MoveTowards(0, 1, 3f, 0.25f);
        Assert.Equal(1.5f, q.Get(0, 1), 5);
        Assert.Equal(1f, q.Get(0, 0));
    }

    [Fact]
    public void QLearningBootstrapsFromTheNextStateMaximum()
    {
        var q = new QTable(2, 1, 0f);
        q.Set(1, 1, 10f);
        QLearning.Apply(q, new Experience(0, 0, 1f, NextState: 1, NextValidMask: 0b11), alpha: 1f, gamma: 0.5f);
        Assert.Equal(6f, q.Get(0, 0), 5); // 1 + 0.5 * 10
        QLearning.Apply(q, new Experience(0, 1, 1f, NextState: -1, NextValidMask: 0), alpha: 1f, gamma: 0.5f);
        Assert.Equal(1f, q.Get(0, 1), 5); // terminal: no bootstrap
    }

    [Fact]
    public void RejectsShapesOutsideTheSupportedRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QTable(0, 2, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QTable(17, 2, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QTable(4, 5, 0f));
    }
}
