namespace TieredFs.Agents.Abstractions;

/// <summary>Why the tiering layer offered an extent to the migration policy.</summary>
public enum CandidateKind : byte
{
    /// <summary>Accessed recently while on a tier that is not the fastest.</summary>
    HotOnSlow = 0,
    /// <summary>Least recently used extent on a tier that is not the slowest.</summary>
    ColdOnFast = 1,
}

/// <summary>
/// One extent offered to <see cref="IMigrationPolicy"/>, with the per-extent statistics the
/// tiering layer keeps. Times are ages relative to the round, so policies need no clock.
/// </summary>
public readonly record struct MigrationCandidate(
    long ExtentIndex,
    int CurrentTier,
    CandidateKind Kind,
    double AccessCount,
    double LastAccessAgeUs,
    double AccessIntervalUs,
    double SinceLastMigrationUs,
    long Bytes)
{
    /// <summary>
    /// Foreground latency the move would save over the engine's horizon (µs, measured on this
    /// volume's tiers): positive for a promotion of a hot extent; for a cold candidate, the
    /// (negative) latency its demotion would add. 0 when unknown.
    /// </summary>
    public double BenefitUs { get; init; }

    /// <summary>Device time the move itself is expected to take (µs, measured).</summary>
    public double MoveCostUs { get; init; }

    /// <summary>Expected net value of making the move the candidate was offered for (µs).</summary>
    public double NetUs => BenefitUs - MoveCostUs;
}
