namespace TieredFs.Tiering.Telemetry;

/// <summary>One served piece of a read or write: which extent, which tier, how long the tier took.</summary>
public readonly record struct AccessRecord(ulong Ino, long ExtentIndex, int TierRank, bool IsWrite, int Bytes, long ElapsedTicks, long Timestamp);
