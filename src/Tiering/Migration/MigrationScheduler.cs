using System.Diagnostics;
using Serilog;
using TieredFs.Engine;
using TieredFs.Tiering.Telemetry;

namespace TieredFs.Tiering.Migration;

/// <summary>
/// Drives the tiering engine on a mount: one thread drains the data path's access ring into the
/// engine often (so the ring does not overflow under load) and runs an engine round every
/// period. All deciding happens in <see cref="TieringEngine"/>, the same code the simulator runs.
/// </summary>
public sealed class MigrationScheduler : IDisposable
{
    private static readonly ILogger s_log = Log.ForContext<MigrationScheduler>();
    private static readonly TimeSpan s_drainInterval = TimeSpan.FromMilliseconds(100);

    private readonly TieringEngine _engine;
    private readonly IEngineClock _clock;
    private readonly AccessRing _ring;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly TimeSpan _period;
    private readonly EngineAccess[] _batch = new EngineAccess[4096];
    private readonly object _roundGate = new();
    private int _failedRounds;

    public MigrationScheduler(TieringEngine engine, IEngineClock clock, AccessRing ring, TimeSpan period)
    {
        _engine = engine;
        _clock = clock;
        _ring = ring;
        _period = period;
        _thread = new Thread(Run) { IsBackground = true, Name = "tieredfs-migration" };
    }

    public EngineStats Stats => _engine.Stats;

    public void Start() => _thread.Start();

    private void Run()
    {
        long nextRound = Stopwatch.GetTimestamp() + (long)(_period.TotalSeconds * Stopwatch.Frequency);
        var wait = _period < s_drainInterval ? _period : s_drainInterval;
        while (!_stop.Wait(wait))
        {
            try
            {
                if (Stopwatch.GetTimestamp() < nextRound)
                {
                    Drain();
                    continue;
                }
                nextRound = Stopwatch.GetTimestamp() + (long)(_period.TotalSeconds * Stopwatch.Frequency);
                RunRound();
                _failedRounds = 0;
            }
            catch (Exception e)
            {
                // One line per failure streak, not per round: a broken tier must not flood the log.
                if (_failedRounds++ == 0)
                    s_log.Error(e, "Migration round failed; retrying every period");
            }
        }
    }

    /// <summary>One round now (tests drive rounds deterministically; the thread runs them periodically).</summary>
    public void RunRound()
    {
        lock (_roundGate)
        {
            Drain();
            _engine.RunRound();
        }
    }

    private void Drain()
    {
        while (true)
        {
            int n = 0;
            // Records carry Stopwatch timestamps; on the engine's time line an access happened its
            // age before the engine's now (the identity for the monotonic clock, and right for a
            // test clock too).
            double nowUs = _clock.NowUs;
            long nowTicks = Stopwatch.GetTimestamp();
            while (n < _batch.Length && _ring.TryRead(out var r))
            {
                double ageUs = Stopwatch.GetElapsedTime(r.Timestamp, nowTicks).TotalMicroseconds;
                _batch[n++] = new EngineAccess(ExtentId.Of(r.Ino, r.ExtentIndex), r.TierRank, r.IsWrite, r.Bytes,
                    Stopwatch.GetElapsedTime(0, r.ElapsedTicks).TotalMicroseconds, nowUs - Math.Max(0, ageUs));
            }
            if (n == 0) return;
            _engine.RecordAccesses(_batch.AsSpan(0, n));
            if (n < _batch.Length) return;
        }
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive)
            _thread.Join(TimeSpan.FromSeconds(30));
    }
}
