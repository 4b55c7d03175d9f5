namespace TieredFs.Agents.Abstractions;

/// <summary>
/// Context of one periodic migration round.
/// </summary>
/// <param name="Round">Monotonic round number.</param>
/// <param name="PeriodUs">Time covered by one round (µs); features are scaled by it.</param>
/// <param name="MaxMigrations">Upper bound on decisions the tiering layer will execute this
/// round (rate limit against foreground I/O).</param>
public readonly record struct MigrationRound(long Round, double PeriodUs, int MaxMigrations);
