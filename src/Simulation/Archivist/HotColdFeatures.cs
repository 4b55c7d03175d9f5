namespace TieredFs.Simulation.Archivist;

/// <summary>
/// Features of the Archivist-like classifier, computable both when training on a trace prefix
/// and at decision time (placement request or migration candidate): decayed access count and
/// smoothed access interval relative to the migration period (unknown → "very long").
/// </summary>
public static class HotColdFeatures
{
    public const int Count = 2;

    public static void Fill(Span<float> f, double accessCount, double intervalUs, double periodUs)
    {
        f[0] = (float)Math.Log(1 + accessCount);
        double rel = intervalUs > 0 && periodUs > 0 ? intervalUs / periodUs : 1e3;
        f[1] = (float)Math.Log(1 + rel);
    }
}
