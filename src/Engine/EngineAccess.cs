namespace TieredFs.Engine;

/// <summary>One served piece of a request, as either side reports it: which extent, which tier, how long it took, when.</summary>
public readonly record struct EngineAccess(ExtentId Id, int Tier, bool IsWrite, int Bytes, double LatencyUs, double TimeUs);
