using TieredFs.Agents.Learning;

namespace TieredFs.Agents.Tests;

public class XorShiftRngTests
{
    [Fact]
    public void SameSeedSameSequence()
    {
        var a = new XorShiftRng(42);
        var b = new XorShiftRng(42);
        for (int i = 0; i < 1000; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void NearbySeedsDiverge()
    {
        var a = new XorShiftRng(1);
        var b = new XorShiftRng(2);
        Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void ZeroSeedStillProducesNumbers()
    {
        var r = new XorShiftRng(0);
        Assert.NotEqual(0UL, r.NextUInt64() | r.NextUInt64());
    }

    [Fact]
    public void NextIntAndNextDoubleStayInRangeAndCoverIt()
    {
        var r = new XorShiftRng(7);
        var seen = new bool[5];
        for (int i = 0; i < 10_000; i++)
        {
            int k = r.NextInt(5);
            Assert.InRange(k, 0, 4);
            seen[k] = true;
            double d = r.NextDouble();
            Assert.True(d >= 0 && d < 1);
        }
        Assert.All(seen, Assert.True);
    }
}
