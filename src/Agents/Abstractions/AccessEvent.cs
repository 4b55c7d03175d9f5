namespace TieredFs.Agents.Abstractions;

/// <summary>
/// Feedback the tiering layer reports after serving one access to one extent: which tier
/// served it and how long it took. Policies learn from these; they never measure anything.
/// </summary>
/// <param name="EvictionsCaused">Extents that had to be evicted to make room because this
/// access placed a new extent on a full tier (0 for accesses to already placed extents).</param>
public readonly record struct AccessEvent(
    long ExtentIndex,
    int Tier,
    bool IsWrite,
    int Bytes,
    double LatencyUs,
    int EvictionsCaused);
