namespace TieredFs.Engine;

/// <summary>
/// Knobs of the tiering engine. Times are in microseconds of the engine's clock, so the same
/// values mean the same on a mount and in the simulator. docs/decisions/005-one-tiering-engine.md
/// explains each default.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>Half-life of an extent's heat: older accesses count half as much after this long.</summary>
    public double HeatHalfLifeUs { get; init; } = 10_000_000;

    /// <summary>
    /// Half-life of the fast-decaying rate that caps heat for predictions: an extent that went
    /// quiet is worth what its recent rate says, not what its history says.
    /// </summary>
    public double RecentHalfLifeUs { get; init; } = 2_000_000;

    /// <summary>
    /// Accesses to one extent within this window count as one touch (Ceph's hit sets: "was it
    /// accessed in this period?"). A sequential pass over an extent is one touch however many
    /// requests it takes, so scans do not look hot.
    /// </summary>
    public double TouchWindowUs { get; init; } = 1_000_000;

    /// <summary>Decayed touches an extent on a slower tier needs before it may be promoted (scan resistance).</summary>
    public double AdmissionTouches { get; init; } = 2.5;

    /// <summary>An extent that moved may not move back the other way for this long (no ping-pong).</summary>
    public double MinResidencyUs { get; init; } = 30_000_000;

    /// <summary>How far ahead a move's benefit is counted: expected accesses over this horizon × the latency gap.</summary>
    public double HorizonUs { get; init; } = 30_000_000;

    /// <summary>A swap needs the promoted extent's heat to exceed the victim's by this factor (hysteresis).</summary>
    public double SwapMargin { get; init; } = 1.25;

    /// <summary>Share of a tier's time that moves may use when foreground I/O leaves it idle.</summary>
    public double MaxMoveShare { get; init; } = 0.5;

    /// <summary>Share of a tier's time moves may use even when foreground I/O keeps it busy (so a saturated slow tier can still be relieved).</summary>
    public double MinMoveShare { get; init; } = 0.2;

    /// <summary>Bytes per second moves may copy (config <c>migration_rate</c>); 0 turns migration off.</summary>
    public long BytesPerSecond { get; init; } = 64L << 20;

    /// <summary>Most candidates offered per round (hot and cold together); the policy may ask for fewer.</summary>
    public int MaxCandidates { get; init; } = 128;

    /// <summary>Most extents with heat kept in memory; the coldest are forgotten first.</summary>
    public int MaxTracked { get; init; } = 1 << 20;

    /// <summary>Device time assumed for one move until a move has been measured (µs per MiB).</summary>
    public double InitialMoveUsPerMiB { get; init; } = 10_000;

    public void Validate()
    {
        if (!(HeatHalfLifeUs > 0) || !(RecentHalfLifeUs > 0) || !(TouchWindowUs > 0) || !(HorizonUs > 0))
            throw new ArgumentException("engine times must be positive");
        if (!(SwapMargin >= 1))
            throw new ArgumentException("swap margin must be at least 1");
        if (!(MinMoveShare >= 0) || !(MaxMoveShare >= MinMoveShare) || MaxMoveShare > 1)
            throw new ArgumentException("move shares must satisfy 0 <= min <= max <= 1");
        if (BytesPerSecond < 0 || MaxCandidates < 0 || MaxTracked < 1)
            throw new ArgumentException("engine limits must not be negative");
    }
}
