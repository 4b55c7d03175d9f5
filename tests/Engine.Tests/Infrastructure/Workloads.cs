namespace TieredFs.Engine.Tests.Infrastructure;

/// <summary>Seeded access streams: which extents are accessed in one round and when (µs after the round started).</summary>
public static class Workloads
{
    /// <summary>
    /// <paramref name="count"/> accesses at uniformly random times in the round, sorted; each picks
    /// an extent with <paramref name="pick"/>.
    /// </summary>
    public static (long Extent, double OffsetUs)[] Round(Random rng, int count, Func<Random, long> pick)
    {
        var offsets = new double[count];
        for (int i = 0; i < count; i++) offsets[i] = rng.NextDouble() * EngineHarness.RoundUs;
        Array.Sort(offsets);
        var result = new (long, double)[count];
        for (int i = 0; i < count; i++) result[i] = (pick(rng), offsets[i]);
        return result;
    }

    /// <summary>Uniform over extents [0, extents).</summary>
    public static Func<Random, long> Uniform(int extents) => r => r.Next(extents);

    /// <summary>With probability <paramref name="hotShare"/> one of <paramref name="hot"/>, else uniform over [0, extents).</summary>
    public static Func<Random, long> HotSet(IReadOnlyList<long> hot, double hotShare, int extents) =>
        r => r.NextDouble() < hotShare ? hot[r.Next(hot.Count)] : r.Next(extents);

    /// <summary>Drives one round of accesses through the harness (extent numbers via <see cref="EngineHarness.E"/>).</summary>
    public static void Play(EngineHarness h, (long Extent, double OffsetUs)[] round)
    {
        double start = h.Now;
        foreach (var (extent, offset) in round)
            h.Access(EngineHarness.E(extent), start + offset);
    }
}
