using TieredFs.Agents.Abstractions;
using TieredFs.Simulation.Devices;

namespace TieredFs.Simulation.Engine;

/// <summary>
/// Replays a prepared trace through one policy set on one hierarchy, at extent granularity.
/// The tiering-side mechanics are the same for every policy: first touch of an extent asks the
/// placement policy; a full faster tier evicts its LRU extent one tier down; every
/// <see cref="SimOptions.MigrationPeriodRequests"/> requests the migration policy gets a
/// bounded candidate set and a move budget; moves occupy both devices' queues. A request's
/// latency is that of its slowest piece (pieces on different tiers are issued in parallel).
/// </summary>
public sealed partial class Simulator
{
    private readonly PreparedTrace _trace;
    private readonly HssConfig _hss;
    private readonly PolicySet _policies;
    private readonly SimOptions _o;
    private readonly FutureIndex? _future;
    private readonly int _tierCount;
    private readonly long _extentBytes;
    private readonly DeviceModel[] _devices;
    private readonly long[] _capacity;
    private readonly long[] _used;
    private readonly TierStatus[] _status;
    private readonly sbyte[] _tierOf;
    private readonly double[] _lastMigrationUs;
    private readonly AccessHistory _extentHistory;
    private readonly AccessHistory _regionHistory;
    private readonly TierLruLists _lru;
    private readonly IAccessObserver[] _observers;
    private readonly ILearningPolicy[] _learners;

    private readonly double[] _utilization;
    private readonly double[] _busyAtRound;
    private long _migrations, _bytesMigrated, _evictions, _fastHits, _pieces;
    private double _periodUs;

    public Simulator(PreparedTrace trace, HssConfig hss, PolicySet policies, SimOptions options, FutureIndex? future = null)
    {
        options.Validate();
        hss.Validate();
        _trace = trace;
        _hss = hss;
        _policies = policies;
        _o = options;
        _future = future;
        _tierCount = hss.Tiers.Count;
        _extentBytes = trace.ExtentBytes;
        _devices = hss.Tiers.Select(t => new DeviceModel(t.Device)).ToArray();
        _capacity = TierCapacities(hss, trace.FootprintBytes, options.FastFraction, _extentBytes);
        _used = new long[_tierCount];
        _status = new TierStatus[_tierCount];
        _utilization = new double[_tierCount];
        _busyAtRound = new double[_tierCount];
        _tierOf = new sbyte[trace.ExtentCount];
        Array.Fill(_tierOf, (sbyte)-1);
        _lastMigrationUs = new double[trace.ExtentCount];
        Array.Fill(_lastMigrationUs, double.NegativeInfinity);
        _extentHistory = new AccessHistory(trace.ExtentCount, options.HeatHalfLifeRequests);
        _regionHistory = new AccessHistory(trace.RegionCount, options.HeatHalfLifeRequests);
        _lru = new TierLruLists(trace.ExtentCount, _tierCount);
        _observers = policies.Observers().ToArray();
        _learners = policies.Learners().ToArray();
        int ringSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, options.MigrationPeriodRequests * 4));
        _slowRing = new int[ringSize];
        int maxCandidates = Math.Max(0, policies.Migration.MaxCandidates);
        _candidates = new MigrationCandidate[maxCandidates];
        _candidateStamp = new int[trace.ExtentCount];
        _lookahead = new long[maxCandidates];
        _decisions = new MigrationDecision[Math.Max(1, options.MaxMigrationsPerRound)];
    }

    /// <summary>Fast tier = fraction of the footprint (at least one extent); middle tiers scale it; the slowest holds all.</summary>
    public static long[] TierCapacities(HssConfig hss, long footprint, double fastFraction, long extentBytes)
    {
        var caps = new long[hss.Tiers.Count];
        long fastExtents = Math.Max(1, (long)Math.Round(footprint * fastFraction / extentBytes));
        for (int t = 0; t < caps.Length; t++)
        {
            caps[t] = t == caps.Length - 1
                ? footprint + extentBytes
                : Math.Max(1, (long)Math.Round(fastExtents * hss.Tiers[t].CapacityFactor)) * extentBytes;
        }
        return caps;
    }

    public IReadOnlyList<long> Capacities => _capacity;

    public SimResult Run()
    {
        int n = _trace.RequestCount;
        var latency = new double[n];
        double lastRoundUs = 0;
        int period = _o.MigrationPeriodRequests;
        _periodUs = n > 1 ? Math.Max(1, _trace.TimeUs[^1] / n * period) : 1;
        for (int i = 0; i < n; i++)
        {
            double now = _trace.TimeUs[i];
            double worst = 0;
            for (int p = _trace.PieceStart[i]; p < _trace.PieceStart[i + 1]; p++)
                worst = Math.Max(worst, ServePiece(i, p, now));
            latency[i] = worst;
            if ((i + 1) % period == 0)
            {
                double elapsed = now - lastRoundUs;
                if (elapsed > 0) _periodUs += 0.2 * (elapsed - _periodUs);
                UpdateUtilization(elapsed);
                lastRoundUs = now;
                MigrationRound(i, now, (i + 1) / period);
            }
        }
        foreach (ILearningPolicy l in _learners) l.Learn();

        double sum = 0;
        foreach (double l in latency) sum += l;
        Array.Sort(latency);
        double p99 = latency[Math.Clamp((int)Math.Ceiling(0.99 * n) - 1, 0, n - 1)];
        int tableBytes = 0;
        foreach (ILearningPolicy l in _learners) tableBytes += l.TableBytes;
        return new SimResult(_policies.Name, _hss.Name, n, sum / n, p99,
            _pieces == 0 ? 0 : (double)_fastHits / _pieces, _migrations, _bytesMigrated, _evictions, tableBytes);
    }

    private double ServePiece(int request, int piece, double now)
    {
        int e = _trace.PieceExtent[piece];
        _future?.Replay(request, piece);
        bool isWrite = _trace.IsWrite[request];
        int bytes = _trace.PieceBytes[piece];
        int evictions = 0;
        if (_tierOf[e] < 0) evictions = Place(e, request, bytes, isWrite, now);
        int t = _tierOf[e];
        double lat = _devices[t].Serve(now, _trace.PieceOffset[piece], bytes, isWrite) - now;
        _pieces++;
        if (t == 0) _fastHits++;
        _extentHistory.Record(e, request, now);
        _regionHistory.Record(_trace.ExtentRegion[e], request, now);
        _lru.Touch(t, e);
        if (t > 0) _slowRing[_slowRingCount++ & (_slowRing.Length - 1)] = e;
        var ev = new AccessEvent(e, t, isWrite, bytes, lat, evictions);
        foreach (IAccessObserver o in _observers) o.OnAccess(ev);
        return lat;
    }

    private int Place(int e, int request, int bytes, bool isWrite, double now)
    {
        int region = _trace.ExtentRegion[e];
        var req = new PlacementRequest(e, bytes, isWrite, -1, _extentBytes)
        {
            AccessCount = _regionHistory.Count(region, request),
            AccessIntervalUs = _regionHistory.IntervalUs(region),
            PeriodUs = _periodUs,
        };
        int t = _policies.Placement.ChooseTier(req, Status());
        int evictions = 0;
        if ((uint)t >= (uint)_tierCount || !MakeRoom(t, now, e, ref evictions))
            t = SlowestWithRoom();
        _tierOf[e] = (sbyte)t;
        _used[t] += _extentBytes;
        _lru.PushHead(t, e);
        return evictions;
    }

    private int SlowestWithRoom()
    {
        for (int t = _tierCount - 1; t >= 0; t--)
            if (_capacity[t] - _used[t] >= _extentBytes) return t;
        throw new InvalidOperationException("no tier has room: the slowest tier is sized to hold the whole footprint");
    }

    /// <summary>Evicts LRU extents of <paramref name="tier"/> (cascading down) until one extent fits.</summary>
    private bool MakeRoom(int tier, double now, int exclude, ref int evictions)
    {
        while (_capacity[tier] - _used[tier] < _extentBytes)
        {
            if (tier == _tierCount - 1) return false;
            int victim = _lru.Tail(tier);
            if (victim == exclude) victim = _lru.Previous(victim);
            if (victim < 0) return false;
            if (!MakeRoom(tier + 1, now, -1, ref evictions)) return false;
            Move(victim, tier + 1, now, MigrationCause.Eviction);
            evictions++;
        }
        return true;
    }

    private void Move(int e, int to, double now, MigrationCause cause)
    {
        int from = _tierOf[e];
        long off = _trace.ExtentOffset[e];
        double readDone = _devices[from].Serve(now, off, _extentBytes, isWrite: false);
        double readUs = _devices[from].LastServiceUs;
        _devices[to].Serve(readDone, off, _extentBytes, isWrite: true);
        double durationUs = readUs + _devices[to].LastServiceUs;
        _lru.Remove(from, e);
        _used[from] -= _extentBytes;
        _tierOf[e] = (sbyte)to;
        _used[to] += _extentBytes;
        // A promoted extent is hot (head); a demoted one is the coldest of its new tier (tail).
        if (to < from) _lru.PushHead(to, e); else _lru.PushTail(to, e);
        _lastMigrationUs[e] = now;
        _migrations++;
        _bytesMigrated += _extentBytes;
        if (cause == MigrationCause.Eviction) _evictions++;
        var ev = new MigrationEvent(e, from, to, _extentBytes, durationUs, cause);
        foreach (IAccessObserver o in _observers) o.OnMigrated(ev);
    }

    /// <summary>Smoothed busy fraction per device over recent rounds (what iostat's %util reports).</summary>
    private void UpdateUtilization(double elapsedUs)
    {
        for (int t = 0; t < _tierCount; t++)
        {
            double busy = _devices[t].BusyUs - _busyAtRound[t];
            _busyAtRound[t] = _devices[t].BusyUs;
            if (elapsedUs <= 0) continue;
            double u = Math.Min(1.0, busy / (elapsedUs * _devices[t].Spec.Channels));
            _utilization[t] += 0.2 * (u - _utilization[t]);
        }
    }

    private ReadOnlySpan<TierStatus> Status()
    {
        for (int t = 0; t < _tierCount; t++)
            _status[t] = new TierStatus(_capacity[t], _used[t], _o.HighWatermark, _o.LowWatermark) { Utilization = _utilization[t] };
        return _status;
    }
}
