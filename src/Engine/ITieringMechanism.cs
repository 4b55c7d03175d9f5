using TieredFs.Agents.Abstractions;

namespace TieredFs.Engine;

/// <summary>
/// What the engine needs from the side that owns the data (dm-cache's split: the policy decides,
/// the target moves). The live volume implements it over real tiers and the crash-safe mover; the
/// simulator over modelled devices. Called only from the thread that runs <see cref="TieringEngine.RunRound"/>.
/// </summary>
public interface ITieringMechanism
{
    int TierCount { get; }

    long ExtentBytes { get; }

    /// <summary>Capacity and use of every tier, fastest first (utilisation is the engine's to fill in).</summary>
    void TierStatuses(Span<TierStatus> destination);

    /// <summary>Rank of the tier holding the extent, or −1 if it no longer exists.</summary>
    int TierOf(ExtentId id);

    /// <summary>Rank of the tier the extent's file is pinned to, or −1.</summary>
    int PinnedTier(ExtentId id);

    /// <summary>
    /// Extents resident on tier <paramref name="rank"/>, continuing a cursor the mechanism keeps
    /// across calls (wrapping at the end), so that over rounds every resident extent is seen: the
    /// engine uses them as eviction candidates when it has no heat for them (never touched since
    /// start = the coldest of all). Returns how many were written.
    /// </summary>
    int SampleResident(int rank, Span<ExtentId> destination);

    /// <summary>Extents of pinned files that sit on another tier than their pin (pinning moves them). Returns how many.</summary>
    int SamplePinnedMisplaced(Span<ExtentId> destination);

    /// <summary>
    /// Moves one extent now; returns the outcome and the device time it took (µs). The mechanism
    /// keeps its own invariants (crash safety, capacity, pins); the engine only asks.
    /// </summary>
    MoveReport Move(ExtentId id, int fromTier, int toTier);
}

/// <summary>Outcome of one move the engine asked for.</summary>
public enum MoveResult : byte
{
    Moved = 0,
    /// <summary>The extent is not (or no longer) where the engine thought.</summary>
    Stale = 1,
    TargetFull = 2,
    /// <summary>Refused because the extent's file is pinned to another tier.</summary>
    Pinned = 3,
    Failed = 4,
}

/// <summary>
/// What a move cost: its wall time, and of that the time spent reading the source tier and
/// writing (and syncing) the target tier, so each tier is charged its own leg. A mechanism that
/// cannot tell the legs apart passes −1 and each tier is charged the whole duration.
/// </summary>
public readonly record struct MoveReport(MoveResult Result, double DurationUs, double SourceUs = -1, double TargetUs = -1)
{
    public double SourceLegUs => SourceUs >= 0 ? SourceUs : DurationUs;

    public double TargetLegUs => TargetUs >= 0 ? TargetUs : DurationUs;
}
