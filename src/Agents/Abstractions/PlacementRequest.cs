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
    long ExtentBytes);
