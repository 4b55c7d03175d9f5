namespace TieredFs.Engine;

/// <summary>
/// Empirical-Bayes shrinkage of per-extent heat toward the volume's mean. Decayed counts are
/// noisy: under uniform access the hottest of a thousand extents looks several times hotter
/// than the coldest by chance alone, and a policy that trusts raw counts swaps them forever.
/// Treating each extent's rate as drawn from a population (Poisson–Gamma), the best estimate
/// of an extent's heat is w·observed + (1−w)·mean with w = (variance − noise) / variance over
/// all resident extents (untracked ones count as 0). Uniform access gives w ≈ 0 (nothing to
/// move); a real hot set gives w ≈ 1.
/// </summary>
public readonly record struct HeatPopulation(double MeanTouches, double MeanHits, double Weight)
{
    /// <summary>Variance of an exponentially decayed Poisson count is half its mean.</summary>
    private const double NoisePerMean = 0.5;

    public static HeatPopulation Measure(HeatTable heat, double nowUs, long residentExtents)
    {
        long n = Math.Max(residentExtents, heat.Count);
        if (n == 0) return new HeatPopulation(0, 0, 1);
        double sumT = 0, sumT2 = 0, sumH = 0;
        for (int s = 0; s < heat.Slots; s++)
        {
            if (!heat.IsUsed(s)) continue;
            double t = heat.Touches(s, nowUs);
            sumT += t;
            sumT2 += t * t;
            sumH += heat.ExpectedHits(s, nowUs);
        }
        double mean = sumT / n;
        double variance = sumT2 / n - mean * mean;
        double noise = NoisePerMean * mean;
        double w = variance > noise && variance > 0 ? (variance - noise) / variance : 0;
        return new HeatPopulation(mean, sumH / n, w);
    }

    public double ShrinkTouches(double observed) => Weight * observed + (1 - Weight) * MeanTouches;

    public double ShrinkHits(double observed) => Weight * observed + (1 - Weight) * MeanHits;
}
