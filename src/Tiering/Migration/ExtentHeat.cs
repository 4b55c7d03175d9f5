namespace TieredFs.Tiering.Migration;

/// <summary>What the migration side remembers about one extent (owned by the scheduler thread).</summary>
public sealed class ExtentHeat
{
    /// <summary>Accesses, halved every decay period, so old popularity fades.</summary>
    public double DecayedCount;

    public long LastAccess;

    /// <summary>Exponentially smoothed interval between accesses (Stopwatch ticks); 0 = unknown.</summary>
    public double SmoothedInterval;

    /// <summary>When it last moved (Stopwatch ticks); 0 = never.</summary>
    public long LastMigration;

    public int TierRank;

    public void RecordAccess(long timestamp, int tierRank)
    {
        if (LastAccess != 0)
        {
            double interval = timestamp - LastAccess;
            SmoothedInterval = SmoothedInterval == 0 ? interval : 0.75 * SmoothedInterval + 0.25 * interval;
        }
        LastAccess = timestamp;
        DecayedCount += 1;
        TierRank = tierRank;
    }
}
