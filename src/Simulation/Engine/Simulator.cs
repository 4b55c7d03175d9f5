using System.Runtime.InteropServices;
using TieredFs.Agents.Abstractions;
using TieredFs.Engine;
using TieredFs.Simulation.Devices;

namespace TieredFs.Simulation.Engine;

/// <summary>
/// Replays a prepared trace through one policy set on one hierarchy, at extent granularity,
/// driving the same <see cref="TieringEngine"/> a mount drives (DESIGN §1 "One tiering
/// engine"): first touch of an extent asks <see cref="TieringEngine.Place"/>, every served
/// piece is reported with <see cref="TieringEngine.RecordAccess"/>, and every
/// <see cref="SimOptions.MigrationPeriodRequests"/> requests <see cref="TieringEngine.RunRound"/>
/// runs with the trace time as its clock. Heat, admission, candidates, eviction order, the move
/// budget and the policy calls are all the engine's; this class only models devices
/// (<see cref="SimulatedTiers"/>) and time. A request's latency is that of its slowest piece
/// (pieces on different tiers are issued in parallel).
/// </summary>
public sealed class Simulator
{
    private readonly PreparedTrace _trace;
    private readonly HssConfig _hss;
    private readonly PolicySet _policies;
    private readonly SimOptions _o;
    private readonly FutureIndex? _future;
    private readonly TraceClock _clock;
    private readonly SimulatedTiers _tiers;
    private readonly TieringEngine _engine;
    private readonly TierStatus[] _status;
    private long _fastHits, _pieces;

    public Simulator(PreparedTrace trace, HssConfig hss, PolicySet policies, SimOptions options, FutureIndex? future = null)
    {
        options.Validate();
        hss.Validate();
        _trace = trace;
        _hss = hss;
        _policies = policies;
        _o = options;
        _future = future;
        _clock = new TraceClock(trace.TimeUs[0]);
        long[] capacities = TierCapacities(hss, trace.FootprintBytes, options.FastFraction, trace.ExtentBytes);
        _tiers = new SimulatedTiers(trace, hss, capacities, options, _clock);
        _engine = new TieringEngine(policies, _tiers, _clock, EngineOptionsFor(trace, options));
        _status = new TierStatus[hss.Tiers.Count];
        if (future is not null && policies.Migration is IFutureAware aware)
        {
            int lookahead = aware.LookaheadRequests;
            // ExtentId is one long: the future index writes dense extent numbers straight into the span.
            _engine.UpcomingHint = ids => future.UpcomingExtents(lookahead, MemoryMarshal.Cast<ExtentId, long>(ids));
        }
    }

    /// <summary>
    /// The engine's options for a trace: its defaults (times are µs of the trace clock), with the
    /// byte budget from <see cref="SimOptions.MigrationBytesPerSecond"/>, or else
    /// <see cref="SimOptions.MaxMigrationsPerRound"/> extents per average round of this trace:
    /// MaxMigrationsPerRound × extent size ÷ (trace duration ÷ requests × MigrationPeriodRequests).
    /// The budget refills with trace time, so a burst gets no more than its duration's share.
    /// </summary>
    public static EngineOptions EngineOptionsFor(PreparedTrace trace, SimOptions options)
    {
        long rate;
        if (options.MigrationBytesPerSecond is long explicitRate)
        {
            rate = explicitRate;
        }
        else
        {
            double spanUs = trace.TimeUs[^1] - trace.TimeUs[0];
            // A trace without duration gives rounds no time to refill; any rate is as good as another.
            double roundUs = spanUs > 0 ? spanUs / trace.RequestCount * options.MigrationPeriodRequests : 1e6;
            rate = (long)Math.Ceiling(options.MaxMigrationsPerRound * (double)trace.ExtentBytes * 1e6 / roundUs);
        }
        return new EngineOptions { BytesPerSecond = rate };
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

    public IReadOnlyList<long> Capacities => _tiers.Capacities;

    /// <summary>The modelled tiers (which extent is where; a hook on every move).</summary>
    public SimulatedTiers Tiers => _tiers;

    /// <summary>The tiering engine this run drives.</summary>
    public TieringEngine Engine => _engine;

    public SimResult Run()
    {
        int n = _trace.RequestCount;
        var latency = new double[n];
        int period = _o.MigrationPeriodRequests;
        for (int i = 0; i < n; i++)
        {
            double now = _trace.TimeUs[i];
            _clock.NowUs = now;
            double worst = 0;
            for (int p = _trace.PieceStart[i]; p < _trace.PieceStart[i + 1]; p++)
                worst = Math.Max(worst, ServePiece(i, p, now));
            latency[i] = worst;
            if ((i + 1) % period == 0)
                _engine.RunRound();
        }
        // Let learners fold in the tail of the trace (their table size is reported).
        int tableBytes = 0;
        _engine.WithPoliciesLocked(set =>
        {
            foreach (ILearningPolicy l in set.Learners())
            {
                l.Learn();
                tableBytes += l.TableBytes;
            }
        });

        double sum = 0;
        foreach (double l in latency) sum += l;
        Array.Sort(latency);
        double p99 = latency[Math.Clamp((int)Math.Ceiling(0.99 * n) - 1, 0, n - 1)];
        EngineStats s = _engine.Stats;
        return new SimResult(_policies.Name, _hss.Name, n, sum / n, p99,
            _pieces == 0 ? 0 : (double)_fastHits / _pieces, s.Done, s.BytesMoved, s.Evictions, tableBytes);
    }

    private double ServePiece(int request, int piece, double now)
    {
        int e = _trace.PieceExtent[piece];
        _future?.Replay(request, piece);
        bool isWrite = _trace.IsWrite[request];
        int bytes = _trace.PieceBytes[piece];
        var id = new ExtentId(e);
        int t = _tiers.TierOf(e);
        if (t < 0)
        {
            t = _engine.Place(id, bytes, isWrite, PlacementStatus());
            if (t < 0) throw new InvalidOperationException("no tier has room: the slowest tier is sized to hold the whole footprint");
            _tiers.Place(e, t);
        }
        double lat = _tiers.Device(t).Serve(now, _trace.PieceOffset[piece], bytes, isWrite) - now;
        _pieces++;
        if (t == 0) _fastHits++;
        _engine.RecordAccess(new EngineAccess(id, t, isWrite, bytes, lat, now));
        return lat;
    }

    /// <summary>Tier statuses for a placement, with the utilisation the engine has measured (as in its rounds).</summary>
    private ReadOnlySpan<TierStatus> PlacementStatus()
    {
        _tiers.TierStatuses(_status);
        for (int t = 0; t < _status.Length; t++)
            _status[t] = _status[t] with { Utilization = _engine.Meter.Utilization(t) };
        return _status;
    }
}
