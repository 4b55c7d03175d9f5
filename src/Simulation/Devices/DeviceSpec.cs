namespace TieredFs.Simulation.Devices;

/// <summary>
/// Performance model parameters of one storage device, from its spec sheet (docs/devices.md).
/// Latencies are for a random 4 KiB access at queue depth 1; bandwidths in MB/s (10^6 B/s,
/// which is conveniently bytes per µs).
/// </summary>
/// <param name="SequentialLatencyUs">Access latency when a request starts where the previous
/// one on this device ended (no seek); for SSDs the same as the random latency.</param>
/// <param name="Channels">Requests the device serves in parallel (internal parallelism).</param>
public sealed record DeviceSpec(
    string Name,
    double ReadLatencyUs,
    double WriteLatencyUs,
    double ReadMBps,
    double WriteMBps,
    int Channels,
    double SequentialLatencyUs)
{
    public void Validate()
    {
        if (ReadLatencyUs <= 0 || WriteLatencyUs <= 0 || SequentialLatencyUs < 0)
            throw new ArgumentException($"device '{Name}': latencies must be positive");
        if (ReadMBps <= 0 || WriteMBps <= 0) throw new ArgumentException($"device '{Name}': bandwidths must be positive");
        if (Channels is < 1 or > 1024) throw new ArgumentException($"device '{Name}': channels must be 1..1024");
    }
}
