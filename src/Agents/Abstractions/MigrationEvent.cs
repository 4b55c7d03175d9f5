namespace TieredFs.Agents.Abstractions;

/// <summary>Why an extent moved between tiers.</summary>
public enum MigrationCause : byte
{
    /// <summary>A migration policy asked for it.</summary>
    Planned = 0,
    /// <summary>The tiering layer evicted it to make room on a full tier.</summary>
    Eviction = 1,
}

/// <summary>Reported after an extent moved, with the device time the move cost.</summary>
public readonly record struct MigrationEvent(
    long ExtentIndex,
    int FromTier,
    int ToTier,
    long Bytes,
    double DurationUs,
    MigrationCause Cause);
