namespace TieredFs.Tiering.Migration;

/// <summary>Result of one extent move. Persisted nowhere; values are for callers and metrics.</summary>
public enum MoveOutcome
{
    Moved = 0,
    AlreadyThere = 1,
    NoSuchExtent = 2,
    TargetFull = 3,
    Failed = 4,
    /// <summary>The file is pinned to another tier than the target: pins are never broken.</summary>
    Pinned = 5,
}

/// <summary>The points of a move, in order; tests inject a crash at each.</summary>
public enum MoveStep
{
    Copied = 1,
    TargetSynced = 2,
    Committed = 3,
    SourcePunched = 4,
}

/// <summary>Where a move's time went: reading the source tier, writing and syncing the target.</summary>
public struct MoveTiming
{
    public double SourceUs;
    public double TargetUs;
}
