namespace TieredFs.Simulation.Traces;

/// <summary>One block request of a trace, with the time as µs since the trace's first request.</summary>
public readonly record struct TraceRequest(double TimeUs, int Disk, long Offset, int Size, bool IsWrite);
