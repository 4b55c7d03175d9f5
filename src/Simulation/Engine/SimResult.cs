namespace TieredFs.Simulation.Engine;

/// <summary>Outcome of replaying one trace through one policy on one hierarchy.</summary>
public sealed record SimResult(
    string Policy,
    string Hss,
    long Requests,
    double AvgLatencyUs,
    double P99LatencyUs,
    double FastHitRatio,
    long Migrations,
    long BytesMigrated,
    long Evictions,
    int TableBytes);
