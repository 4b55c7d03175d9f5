using System.Diagnostics;
using Serilog;
using TieredFs.Agents.Abstractions;
using TieredFs.Tiering.Telemetry;

namespace TieredFs.Tiering.Migration;

/// <summary>
/// The background side of tiering: one thread that, every period, drains the access ring into
/// per-extent heat (and into the policies as feedback), offers the migration policy a bounded set
/// of candidates — the hottest extents on slower tiers and the coldest on faster ones — and carries
/// out its decisions through the crash-safe move, within a byte budget per period.
/// </summary>
public sealed class MigrationScheduler : IDisposable
{
    private const int MaxTracked = 1 << 20;
    private static readonly ILogger s_log = Log.ForContext<MigrationScheduler>();

    private readonly Volume.Volume _volume;
    private readonly PolicySet _policies;
    private readonly object _policyGate;
    private readonly AccessRing _ring;
    private readonly Dictionary<ExtentKey, ExtentHeat> _heat = new();
    private readonly Dictionary<long, ExtentKey> _roundKeys = new();
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly TimeSpan _period;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private (ulong Ino, long Index)[] _coldCursor;
    private long _round;
    private long _previousRoundTimestamp;

    public MigrationScheduler(Volume.Volume volume, PolicySet policies, object policyGate, AccessRing ring, TimeSpan period, long bytesPerSecond)
    {
        _volume = volume;
        _policies = policies;
        _policyGate = policyGate;
        _ring = ring;
        _period = period;
        BytesPerSecond = bytesPerSecond;
        _coldCursor = new (ulong, long)[volume.Tiers.Count];
        _thread = new Thread(Run) { IsBackground = true, Name = "tieredfs-migration" };
    }

    public MigrationStats Stats { get; } = new();

    /// <summary>Migration budget; a tunable (config reload may change it).</summary>
    public long BytesPerSecond { get; set; }

    public void Start() => _thread.Start();

    private void Run()
    {
        while (!_stop.Wait(_period))
        {
            try
            {
                RunRound();
            }
            catch (Exception e)
            {
                s_log.Error(e, "Migration round failed; will try again next period");
            }
        }
    }

    /// <summary>One round; public so tests can drive rounds deterministically.</summary>
    public void RunRound()
    {
        _round++;
        Interlocked.Increment(ref Stats.Rounds);
        long now = Stopwatch.GetTimestamp();
        long since = _previousRoundTimestamp;
        _previousRoundTimestamp = now;
        DrainAccesses();
        Decay();
        if (_policies.Migration.MaxCandidates <= 0)
            return;

        int maxMoves = (int)Math.Clamp(BytesPerSecond * _period.TotalSeconds / _volume.ExtentSize, 0, 4096);
        if (maxMoves == 0)
            return;
        var candidates = BuildCandidates(now, since, _policies.Migration.MaxCandidates);
        if (candidates.Length == 0)
            return;
        Span<TierStatus> tiers = stackalloc TierStatus[_volume.Tiers.Count];
        _volume.TierStatuses(tiers);
        var decisions = new MigrationDecision[Math.Min(candidates.Length, maxMoves) + 1];
        var round = new MigrationRound(_round, _period.TotalMicroseconds, maxMoves);
        int count;
        lock (_policyGate)
            count = _policies.Migration.PlanMigrations(in round, candidates, tiers, decisions);
        Interlocked.Add(ref Stats.Planned, count);
        for (int i = 0; i < Math.Min(count, maxMoves); i++)
            Execute(decisions[i]);
        lock (_policyGate)
        {
            foreach (var learner in _policies.Learners())
                learner.Learn();
        }
    }

    private void DrainAccesses()
    {
        int drained = 0;
        lock (_policyGate)
        {
            var observers = _policies.Observers().ToArray();
            while (drained < 1_000_000 && _ring.TryRead(out var record))
            {
                drained++;
                var key = new ExtentKey(record.Ino, record.ExtentIndex);
                if (!_heat.TryGetValue(key, out var heat))
                {
                    if (_heat.Count >= MaxTracked)
                        continue;
                    heat = new ExtentHeat();
                    _heat[key] = heat;
                }
                heat.RecordAccess(record.Timestamp, record.TierRank);
                if (observers.Length > 0)
                {
                    var access = new AccessEvent(key.Packed, record.TierRank, record.IsWrite, record.Bytes,
                        Stopwatch.GetElapsedTime(0, record.ElapsedTicks).TotalMicroseconds, 0);
                    foreach (var observer in observers)
                        observer.OnAccess(in access);
                }
            }
        }
        Interlocked.Add(ref Stats.AccessesObserved, drained);
    }

    /// <summary>Halves counts every 8 periods; forgets extents that went cold and were deleted.</summary>
    private void Decay()
    {
        double factor = Math.Pow(0.5, 1.0 / 8);
        List<ExtentKey>? gone = null;
        foreach (var (key, heat) in _heat)
        {
            heat.DecayedCount *= factor;
            if (heat.DecayedCount < 0.01)
                (gone ??= new()).Add(key);
        }
        if (gone is null)
            return;
        foreach (var key in gone)
            _heat.Remove(key);
    }

    /// <param name="since">Start of the period just ended: "hot" means accessed after it.</param>
    private MigrationCandidate[] BuildCandidates(long now, long since, int max)
    {
        _roundKeys.Clear();
        int lastRank = _volume.Tiers.Count - 1;
        var hot = new List<(ExtentKey Key, ExtentHeat Heat)>();
        var cold = new List<(ExtentKey Key, ExtentHeat Heat)>();
        foreach (var (key, heat) in _heat)
        {
            if (heat.TierRank > 0 && heat.LastAccess > since)
                hot.Add((key, heat));
            if (heat.TierRank < lastRank)
                cold.Add((key, heat));
        }
        hot.Sort((a, b) => b.Heat.DecayedCount.CompareTo(a.Heat.DecayedCount));
        cold.Sort((a, b) => a.Heat.LastAccess.CompareTo(b.Heat.LastAccess));

        var result = new List<MigrationCandidate>(max);
        int hotQuota = (max + 1) / 2;
        foreach (var (key, heat) in hot.Take(hotQuota))
            Add(result, key, heat, CandidateKind.HotOnSlow, now);
        // Extents never touched since the daemon started are the coldest of all: sample them first.
        foreach (var key in SampleUntouched(max - result.Count))
            Add(result, key, null, CandidateKind.ColdOnFast, now);
        foreach (var (key, heat) in cold)
        {
            if (result.Count >= max)
                break;
            if (!_roundKeys.ContainsKey(key.Packed))
                Add(result, key, heat, CandidateKind.ColdOnFast, now);
        }
        return result.ToArray();
    }

    private void Add(List<MigrationCandidate> list, ExtentKey key, ExtentHeat? heat, CandidateKind kind, long now)
    {
        int tier = heat?.TierRank ?? _volume.TierOf(key.Ino, key.Index);
        if (tier < 0)
            return;
        double ageUs = Stopwatch.GetElapsedTime(heat?.LastAccess ?? _startTimestamp, now).TotalMicroseconds;
        double intervalUs = heat is null || heat.SmoothedInterval == 0 ? 0 : Stopwatch.GetElapsedTime(0, (long)heat.SmoothedInterval).TotalMicroseconds;
        double sinceMigrationUs = heat is null || heat.LastMigration == 0 ? double.MaxValue : Stopwatch.GetElapsedTime(heat.LastMigration, now).TotalMicroseconds;
        _roundKeys[key.Packed] = key;
        list.Add(new MigrationCandidate(key.Packed, tier, kind, heat?.DecayedCount ?? 0, ageUs, intervalUs, sinceMigrationUs, _volume.ExtentSize));
    }

    /// <summary>Extents on faster tiers with no heat record, walked in key order across rounds.</summary>
    private IEnumerable<ExtentKey> SampleUntouched(int want)
    {
        if (want <= 0)
            yield break;
        int perTier = Math.Max(1, want / Math.Max(1, _volume.Tiers.Count - 1));
        for (int rank = 0; rank < _volume.Tiers.Count - 1; rank++)
        {
            var cursor = _coldCursor[rank];
            var sample = _volume.SampleCommittedExtents(rank, cursor.Ino, cursor.Index, perTier * 2);
            _coldCursor[rank] = sample.Count < perTier * 2 ? (0, -1) : sample[^1];
            int taken = 0;
            foreach (var (ino, index) in sample)
            {
                var key = new ExtentKey(ino, index);
                if (_heat.ContainsKey(key))
                    continue;
                yield return key;
                if (++taken >= perTier)
                    break;
            }
        }
    }

    private void Execute(in MigrationDecision decision)
    {
        if (!_roundKeys.TryGetValue(decision.ExtentIndex, out var key))
            return;
        if (_volume.TierOf(key.Ino, key.Index) != decision.FromTier)
            return; // stale: it moved or vanished since the candidates were taken
        var outcome = Move(key, decision.FromTier, decision.ToTier, MigrationCause.Planned);
        // A promotion into a full tier first evicts that tier's least recently used extent one tier down.
        if (outcome == MoveOutcome.TargetFull && decision.IsPromotion && decision.ToTier + 1 < _volume.Tiers.Count
            && FindEvictionVictim(decision.ToTier, key) is { } victim
            && Move(victim, decision.ToTier, decision.ToTier + 1, MigrationCause.Eviction) == MoveOutcome.Moved)
        {
            Move(key, decision.FromTier, decision.ToTier, MigrationCause.Planned);
        }
    }

    private MoveOutcome Move(ExtentKey key, int from, int to, MigrationCause cause)
    {
        long start = Stopwatch.GetTimestamp();
        var outcome = _volume.MoveExtent(key.Ino, key.Index, to);
        if (outcome != MoveOutcome.Moved)
        {
            if (outcome == MoveOutcome.Failed)
                Interlocked.Increment(ref Stats.Failed);
            return outcome;
        }
        Interlocked.Increment(ref Stats.Done);
        Interlocked.Add(ref Stats.BytesMoved, _volume.ExtentSize);
        Interlocked.Increment(ref to < from ? ref Stats.Promotions : ref Stats.Demotions);
        if (_heat.TryGetValue(key, out var heat))
        {
            heat.TierRank = to;
            heat.LastMigration = Stopwatch.GetTimestamp();
        }
        var moved = new MigrationEvent(key.Packed, from, to, _volume.ExtentSize, Stopwatch.GetElapsedTime(start).TotalMicroseconds, cause);
        lock (_policyGate)
        {
            foreach (var observer in _policies.Observers())
                observer.OnMigrated(in moved);
        }
        return outcome;
    }

    /// <summary>The least recently used extent on a tier: one never touched since start, else the oldest access.</summary>
    private ExtentKey? FindEvictionVictim(int rank, ExtentKey exclude)
    {
        foreach (var (ino, index) in _volume.SampleCommittedExtents(rank, 0, -1, 64))
        {
            var key = new ExtentKey(ino, index);
            if (key != exclude && !_heat.ContainsKey(key))
                return key;
        }
        ExtentKey? best = null;
        long oldest = long.MaxValue;
        foreach (var (key, heat) in _heat)
        {
            if (heat.TierRank == rank && heat.LastAccess < oldest && key != exclude)
            {
                oldest = heat.LastAccess;
                best = key;
            }
        }
        return best;
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive)
            _thread.Join(TimeSpan.FromSeconds(30));
    }
}
