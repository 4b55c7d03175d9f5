namespace TieredFs.Simulation.Devices;

/// <summary>
/// Runtime state of a simulated device: a multi-channel FIFO queue. A request starts when it
/// arrives or when the earliest channel frees up, and occupies that channel for access
/// latency + size / bandwidth. Background migrations go through the same queue, so they delay
/// foreground requests exactly as they would on a real device.
/// </summary>
public sealed class DeviceModel
{
    private readonly double[] _channelFreeAt;
    private long _lastEnd = -1;

    public DeviceModel(DeviceSpec spec)
    {
        spec.Validate();
        Spec = spec;
        _channelFreeAt = new double[spec.Channels];
    }

    public DeviceSpec Spec { get; }
    public double BusyUs { get; private set; }

    /// <summary>Device time (without queueing) of the most recent access.</summary>
    public double LastServiceUs { get; private set; }

    /// <summary>Queues one access; returns its completion time (µs).</summary>
    public double Serve(double arrivalUs, long offset, long bytes, bool isWrite)
    {
        int ch = 0;
        for (int i = 1; i < _channelFreeAt.Length; i++)
            if (_channelFreeAt[i] < _channelFreeAt[ch]) ch = i;
        double start = Math.Max(arrivalUs, _channelFreeAt[ch]);
        double access = offset == _lastEnd
            ? Spec.SequentialLatencyUs
            : isWrite ? Spec.WriteLatencyUs : Spec.ReadLatencyUs;
        double service = access + bytes / (isWrite ? Spec.WriteMBps : Spec.ReadMBps);
        double done = start + service;
        _channelFreeAt[ch] = done;
        _lastEnd = offset + bytes;
        BusyUs += service;
        LastServiceUs = service;
        return done;
    }
}
