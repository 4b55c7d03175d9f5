namespace TieredFs.Simulation.Generation;

/// <summary>Synthetic workload shapes for gen-trace (docs/results.md describes each).</summary>
public enum TracePattern
{
    /// <summary>Skewed random small I/O over the whole footprint, 70% reads.</summary>
    Zipf,
    /// <summary>Like zipf, but the hot set moves to other extents four times.</summary>
    Shifting,
    /// <summary>Skewed random I/O on one half mixed with large sequential scans of the other.</summary>
    ScanMix,
    /// <summary>Sequential appends, reads of recently appended data, and a random-access index.</summary>
    WriteLog,
    /// <summary>95% small reads with heavy skew; new objects keep arriving and start popular.</summary>
    ReadWeb,
}
