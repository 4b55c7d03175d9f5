namespace TieredFs.Simulation.Engine;

/// <summary>Knobs of one simulation run (the same for every policy in a comparison).</summary>
public sealed record SimOptions
{
    /// <summary>Fast tier size as a fraction of the trace footprint (distinct extents × extent size).</summary>
    public double FastFraction { get; init; } = 0.1;
    public long ExtentBytes { get; init; } = 1 << 20;
    public ulong Seed { get; init; } = 1;
    /// <summary>Requests between migration rounds (the live volume uses a timer instead).</summary>
    public int MigrationPeriodRequests { get; init; } = 128;
    /// <summary>Rate limit: most moves executed per round, for every policy alike.</summary>
    public int MaxMigrationsPerRound { get; init; } = 8;
    /// <summary>Requests after which an extent's access count has halved.</summary>
    public double HeatHalfLifeRequests { get; init; } = 8192;
    /// <summary>Extents per "neighbourhood" (log2) whose history a brand-new extent inherits as features.</summary>
    public int RegionShift { get; init; } = 4;
    public double HighWatermark { get; init; } = 0.95;
    public double LowWatermark { get; init; } = 0.85;

    public void Validate()
    {
        if (FastFraction is <= 0 or > 1) throw new ArgumentException("fast fraction must be in (0, 1]");
        if (ExtentBytes < 4096 || (ExtentBytes & (ExtentBytes - 1)) != 0)
            throw new ArgumentException("extent size must be a power of two ≥ 4 KiB");
        if (MigrationPeriodRequests < 1 || MaxMigrationsPerRound < 0) throw new ArgumentException("bad migration knobs");
    }
}
