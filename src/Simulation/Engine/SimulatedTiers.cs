using TieredFs.Agents.Abstractions;
using TieredFs.Engine;
using TieredFs.Simulation.Devices;

namespace TieredFs.Simulation.Engine;

/// <summary>
/// The simulator's side of the tiering engine (<see cref="ITieringMechanism"/>): modelled
/// devices, which tier holds each extent (dense extent numbers of the <see cref="PreparedTrace"/>
/// are the engine's <see cref="ExtentId"/>s), capacities and used bytes. It decides nothing:
/// placement, candidates, eviction order and the move budget are the engine's, exactly as on a
/// mount. No pins exist in a trace.
/// </summary>
public sealed class SimulatedTiers : ITieringMechanism
{
    private readonly PreparedTrace _trace;
    private readonly TraceClock _clock;
    private readonly DeviceModel[] _devices;
    private readonly long[] _capacity;
    private readonly long[] _used;
    private readonly double _highWatermark, _lowWatermark;
    private readonly sbyte[] _tierOf;
    // Residents of each tier as a dense list (swap-remove) plus each extent's position in its
    // tier's list, so sampling walks a tier in O(sample) whatever the other tiers hold.
    private readonly List<int>[] _residents;
    private readonly int[] _position;
    private readonly int[] _cursor;

    public SimulatedTiers(PreparedTrace trace, HssConfig hss, IReadOnlyList<long> capacities, SimOptions options, TraceClock clock)
    {
        if (capacities.Count != hss.Tiers.Count) throw new ArgumentException("one capacity per tier");
        _trace = trace;
        _clock = clock;
        _devices = hss.Tiers.Select(t => new DeviceModel(t.Device)).ToArray();
        _capacity = capacities.ToArray();
        _used = new long[_devices.Length];
        _highWatermark = options.HighWatermark;
        _lowWatermark = options.LowWatermark;
        _tierOf = new sbyte[trace.ExtentCount];
        Array.Fill(_tierOf, (sbyte)-1);
        _position = new int[trace.ExtentCount];
        _residents = new List<int>[_devices.Length];
        for (int t = 0; t < _residents.Length; t++) _residents[t] = [];
        _cursor = new int[_devices.Length];
    }

    public int TierCount => _devices.Length;

    public long ExtentBytes => _trace.ExtentBytes;

    public IReadOnlyList<long> Capacities => _capacity;

    public DeviceModel Device(int tier) => _devices[tier];

    public long UsedBytes(int tier) => _used[tier];

    /// <summary>Called after every move the engine made (tests watch for ping-pong with it).</summary>
    public Action<SimMove>? Moved { get; set; }

    /// <summary>Tier of a dense extent number, −1 before its first touch.</summary>
    public int TierOf(int extent) => _tierOf[extent];

    public int TierOf(ExtentId id) => (ulong)id.Value < (ulong)_tierOf.Length ? _tierOf[id.Value] : -1;

    public void TierStatuses(Span<TierStatus> destination)
    {
        for (int t = 0; t < _devices.Length && t < destination.Length; t++)
            destination[t] = new TierStatus(_capacity[t], _used[t], _highWatermark, _lowWatermark);
    }

    /// <summary>Puts a first-touched extent on the tier the engine chose.</summary>
    public void Place(int extent, int tier)
    {
        if (_tierOf[extent] >= 0) throw new InvalidOperationException($"extent {extent} is already placed");
        if ((uint)tier >= (uint)_devices.Length || _capacity[tier] - _used[tier] < _trace.ExtentBytes)
            throw new InvalidOperationException($"tier {tier} has no room for extent {extent}");
        Add(extent, tier);
    }

    public int PinnedTier(ExtentId id) => -1;

    public int SamplePinnedMisplaced(Span<ExtentId> destination) => 0;

    public int SampleResident(int rank, Span<ExtentId> destination)
    {
        if ((uint)rank >= (uint)_residents.Length) return 0;
        List<int> list = _residents[rank];
        int n = Math.Min(destination.Length, list.Count);
        int c = _cursor[rank];
        for (int i = 0; i < n; i++)
        {
            if (c >= list.Count) c = 0;
            destination[i] = new ExtentId(list[c++]);
        }
        _cursor[rank] = c;
        return n;
    }

    /// <summary>
    /// Moves an extent at the trace's current time: the read leg queues on the source device
    /// now, the write leg on the target device when the read completes. Both legs delay the
    /// foreground requests behind them. Reports read + write device time.
    /// </summary>
    public MoveReport Move(ExtentId id, int fromTier, int toTier)
    {
        if ((ulong)id.Value >= (ulong)_tierOf.Length || _tierOf[id.Value] != fromTier)
            return new MoveReport(MoveResult.Stale, 0);
        if ((uint)toTier >= (uint)_devices.Length || toTier == fromTier)
            return new MoveReport(MoveResult.Failed, 0);
        long bytes = _trace.ExtentBytes;
        if (_capacity[toTier] - _used[toTier] < bytes)
            return new MoveReport(MoveResult.TargetFull, 0);
        int e = (int)id.Value;
        double now = _clock.NowUs;
        long offset = _trace.ExtentOffset[e];
        double readDone = _devices[fromTier].Serve(now, offset, bytes, isWrite: false);
        double readUs = _devices[fromTier].LastServiceUs;
        _devices[toTier].Serve(readDone, offset, bytes, isWrite: true);
        double writeUs = _devices[toTier].LastServiceUs;
        Remove(e, fromTier);
        Add(e, toTier);
        Moved?.Invoke(new SimMove(e, fromTier, toTier, now));
        return new MoveReport(MoveResult.Moved, readUs + writeUs, readUs, writeUs);
    }

    private void Add(int e, int tier)
    {
        _tierOf[e] = (sbyte)tier;
        _used[tier] += _trace.ExtentBytes;
        _position[e] = _residents[tier].Count;
        _residents[tier].Add(e);
    }

    private void Remove(int e, int tier)
    {
        List<int> list = _residents[tier];
        int at = _position[e];
        int last = list[^1];
        list[at] = last;
        _position[last] = at;
        list.RemoveAt(list.Count - 1);
        _used[tier] -= _trace.ExtentBytes;
        _tierOf[e] = -1;
    }
}

/// <summary>One move the engine made in a simulation: dense extent number, tiers, trace time (µs).</summary>
public readonly record struct SimMove(int Extent, int FromTier, int ToTier, double TimeUs)
{
    public bool IsPromotion => ToTier < FromTier;
}

/// <summary>The engine's clock in a simulation: the trace time (µs) of the request being replayed.</summary>
public sealed class TraceClock(double startUs) : IEngineClock
{
    private double _nowUs = startUs;

    public double NowUs
    {
        get => _nowUs;
        set => _nowUs = Math.Max(_nowUs, value); // trace times are already clamped monotonic; never step back
    }
}
