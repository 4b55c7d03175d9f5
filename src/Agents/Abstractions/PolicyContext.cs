namespace TieredFs.Agents.Abstractions;

/// <summary>What a policy factory may know when a volume (or a simulation) starts.</summary>
/// <param name="Future">Set only by the simulator; null on a live volume.</param>
public sealed record PolicyContext(int TierCount, long ExtentBytes, ulong Seed, IFutureKnowledge? Future = null, int OracleHorizonRequests = 4096);
