namespace TieredFs.Simulation.Engine;

/// <summary>Knobs of one simulation run (the same for every policy in a comparison).</summary>
public sealed record SimOptions
{
    /// <summary>Fast tier size as a fraction of the trace footprint (distinct extents × extent size).</summary>
    public double FastFraction { get; init; } = 0.1;
    public long ExtentBytes { get; init; } = 1 << 20;
    public ulong Seed { get; init; } = 1;
    /// <summary>Requests between engine rounds (the live volume runs one per second of wall time instead).</summary>
    public int MigrationPeriodRequests { get; init; } = 128;
    /// <summary>
    /// Move budget, for every policy alike, when <see cref="MigrationBytesPerSecond"/> is not
    /// set: this many extents per average round of the trace, turned into the engine's byte rate
    /// (see <see cref="Simulator.EngineOptionsFor"/>). 0 turns migration off.
    /// </summary>
    public int MaxMigrationsPerRound { get; init; } = 8;
    /// <summary>The engine's byte budget in bytes per second of trace time (a mount's <c>migration_rate</c>); null = derived from <see cref="MaxMigrationsPerRound"/>.</summary>
    public long? MigrationBytesPerSecond { get; init; }
    public double HighWatermark { get; init; } = 0.95;
    public double LowWatermark { get; init; } = 0.85;

    public void Validate()
    {
        if (FastFraction is <= 0 or > 1) throw new ArgumentException("fast fraction must be in (0, 1]");
        if (ExtentBytes < 4096 || (ExtentBytes & (ExtentBytes - 1)) != 0)
            throw new ArgumentException("extent size must be a power of two ≥ 4 KiB");
        if (MigrationPeriodRequests < 1 || MaxMigrationsPerRound < 0 || MigrationBytesPerSecond < 0)
            throw new ArgumentException("bad migration knobs");
    }
}
