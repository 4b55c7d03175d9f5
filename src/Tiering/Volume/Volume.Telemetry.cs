using TieredFs.Tiering.Telemetry;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    // Set in the constructor; the data path records into it per tier segment (Volume.Read/Write).
    private readonly VolumeTelemetry _telemetry;

    /// <summary>Per-tier I/O counters, latency histograms and placement decisions, for status and /metrics.</summary>
    public VolumeTelemetry Telemetry => _telemetry;

    /// <summary>Start of a timed tier segment (Stopwatch ticks).</summary>
    private static long IoStart() => VolumeTelemetry.Start();

    /// <summary>Inodes in the store (files, directories, links): the "files" of `tieredfs status`.</summary>
    public long InodeCount() => _store.CountInodes();

}
