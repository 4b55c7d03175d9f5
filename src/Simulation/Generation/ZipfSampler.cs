namespace TieredFs.Simulation.Generation;

/// <summary>Samples ranks 0..n-1 with P(k) ∝ 1/(k+1)^s from a precomputed CDF.</summary>
public sealed class ZipfSampler
{
    private readonly double[] _cdf;

    public ZipfSampler(int n, double s)
    {
        _cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) { sum += 1.0 / Math.Pow(k + 1, s); _cdf[k] = sum; }
        for (int k = 0; k < n; k++) _cdf[k] /= sum;
    }

    public int Sample(Random rng)
    {
        int i = Array.BinarySearch(_cdf, rng.NextDouble());
        return Math.Min(i < 0 ? ~i : i, _cdf.Length - 1);
    }
}
