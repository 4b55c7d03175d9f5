namespace TieredFs.Engine;

/// <summary>Cumulative counters of the engine, for status, metrics and benches. Written by the round thread, read anywhere.</summary>
public sealed class EngineStats
{
    public long Rounds;
    public long AccessesObserved;
    public long Candidates;
    public long Planned;
    public long Done;
    public long Failed;
    public long BytesMoved;
    public long Promotions;
    public long Demotions;
    /// <summary>Demotions the engine made itself: room for a promotion, or draining a tier past its high watermark (part of <see cref="Demotions"/>).</summary>
    public long Evictions;
    /// <summary>Moves of pinned extents to their pinned tier (part of the promotions/demotions).</summary>
    public long PinMoves;
    /// <summary>Decisions refused because they would undo a recent move (hysteresis).</summary>
    public long HeldBack;
    /// <summary>Decisions refused because the extent's file is pinned to another tier.</summary>
    public long RefusedByPin;
    /// <summary>Decisions left undone because the round's move budget was spent.</summary>
    public long OverBudget;
    public long Stale;
    /// <summary>Promotions into a full tier not made because no victim was clearly colder (swap margin).</summary>
    public long SwapsRefused;
}
