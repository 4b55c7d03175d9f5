namespace TieredFs.Agents.Abstractions;

/// <summary>
/// One write that needs a tier for an extent that has none yet (or that may be re-placed).
/// Plain numbers only: the agents never see files or paths.
/// </summary>
public readonly record struct PlacementRequest(
    long ExtentIndex,
    int RequestBytes,
    bool IsWrite,
    int CurrentTier,
    long ExtentBytes)
{
    /// <summary>
    /// Recent (decayed) access count of the extent, or of its neighbourhood when the extent is
    /// new: a brand-new extent has no history of its own, but its file/region usually does.
    /// </summary>
    public double AccessCount { get; init; }

    /// <summary>Smoothed interval between accesses (µs) of the same extent/neighbourhood; 0 = unknown.</summary>
    public double AccessIntervalUs { get; init; }

    /// <summary>
    /// Time scale (µs) the caller uses for "recent": the migration period. Interval features are
    /// measured relative to it so the bins mean the same on a busy and on an idle volume.
    /// 0 = unknown (features fall back to absolute bins).
    /// </summary>
    public double PeriodUs { get; init; }
}
