using TieredFs.Agents.Features;

namespace TieredFs.Agents.Tests;

public class FeatureBinsTests
{
    [Theory]
    [InlineData(4096, 0)]
    [InlineData(8192, 0)]
    [InlineData(8193, 1)]
    [InlineData(65536, 1)]
    [InlineData(131072, 2)]
    [InlineData(262145, 3)]
    [InlineData(1 << 20, 3)]
    public void RequestSizeBinsAtBoundaries(int bytes, int bin) => Assert.Equal(bin, FeatureBins.RequestSize(bytes));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.49, 0)]
    [InlineData(1.5, 1)]
    [InlineData(3.99, 1)]
    [InlineData(4.0, 2)]
    [InlineData(16.0, 3)]
    public void AccessCountBins(double count, int bin) => Assert.Equal(bin, FeatureBins.AccessCount(count));

    [Theory]
    [InlineData(500, 1000, 0)]
    [InlineData(1000, 1000, 1)]
    [InlineData(3999, 1000, 1)]
    [InlineData(4000, 1000, 2)]
    [InlineData(32000, 1000, 3)]
    [InlineData(0, 1000, 3)]    // unknown interval counts as "long ago"
    [InlineData(-5, 1000, 3)]
    [InlineData(500_000, 0, 0)] // no period known: one second scale
    public void RelativeTimeIsScaledByThePeriod(double us, double period, int bin) =>
        Assert.Equal(bin, FeatureBins.RelativeTime(us, period));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 1)]
    [InlineData(0.8, 2)]
    [InlineData(0.95, 3)]
    [InlineData(1.0, 3)]
    public void FillBins(double fill, int bin) => Assert.Equal(bin, FeatureBins.Fill(fill));

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(1, 2, 3)]
    [InlineData(1, 3, 1)]
    [InlineData(2, 3, 3)]
    [InlineData(2, 4, 2)]
    [InlineData(3, 4, 3)]
    public void TierPositionDistinguishesFastestMiddleAndSlowest(int tier, int count, int bin) =>
        Assert.Equal(bin, FeatureBins.TierPosition(tier, count));

    [Fact]
    public void EveryBinFitsInTwoBits()
    {
        for (int b = 1; b < 1 << 24; b = b * 3 + 1) Assert.InRange(FeatureBins.RequestSize(b), 0, FeatureBins.BinCount - 1);
        for (double c = 0; c < 1000; c += 0.7) Assert.InRange(FeatureBins.AccessCount(c), 0, 3);
    }
}
