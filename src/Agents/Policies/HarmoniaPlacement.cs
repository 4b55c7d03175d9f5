using System.Runtime.CompilerServices;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Features;
using TieredFs.Agents.Learning;
using TieredFs.Agents.QTables;
using TieredFs.Agents.Rewards;

namespace TieredFs.Agents.Policies;

/// <summary>
/// Harmonia-style placement agent. State (11 bits): request size bin, read/write, access
/// interval bin, access count bin, fastest-tier fill bin, second-tier-full bit (middle tiers of
/// 3-4 tier hierarchies; always 0 with two tiers), allocated-or-new. Actions: the tier (up to
/// 4). Reward, collected over the placed extent's next reads: normalised latency gain of
/// each read, minus a penalty per forced eviction and an occupancy cost that grows with the
/// fill of the chosen faster tier. Joint table: 2048 × 4 floats = 32 KiB.
/// </summary>
public sealed class HarmoniaPlacement : IPlacementPolicy, IAccessObserver, ILearningPolicy, IPersistentPolicy
{
    public const string Kind = "harmonia-placement-v2";
    private const int StateBits = 11;
    private const int ActionBits = 2;

    private readonly QTable _q;
    private readonly PendingRewardTracker _pending;
    private readonly ExperienceRing _finished = new(256);
    private readonly TierLatencyModel _latency = new();
    private readonly TierPressure _pressure;
    private readonly PlacementKnobs _knobs;
    private readonly int _tierCount;
    private readonly float[] _demotionCost = new float[TierLatencyModel.MaxTiers];
    private readonly float[] _interference = new float[TierLatencyModel.MaxTiers];
    private readonly double[] _lastUtilization = [double.NaN, double.NaN, double.NaN, double.NaN];
    private XorShiftRng _rng;
    private long _rounds;

    public HarmoniaPlacement(int tierCount, TierPressure pressure, ulong seed, PlacementKnobs? knobs = null)
    {
        _knobs = knobs ?? new PlacementKnobs();
        _tierCount = Math.Clamp(tierCount, 1, 1 << ActionBits);
        _pressure = pressure;
        _rng = new XorShiftRng(seed);
        _q = new QTable(StateBits, ActionBits, _knobs.InitialQ);
        _pending = new PendingRewardTracker(_knobs.TrackerSlots, _finished);
        Array.Fill(_demotionCost, 1f);
    }

    /// <summary>
    /// Learned cost (gap units) of pushing one extent out of <paramref name="tier"/>: what a
    /// placement on a full tier forces now, and what occupying a filling tier forces later.
    /// </summary>
    public float DemotionCost(int tier) => (uint)tier < (uint)_demotionCost.Length ? _demotionCost[tier] : 1f;

    public string Name => "harmonia";
    public QTable Table => _q;
    public int TableBytes => _q.Bytes;
    public int StateBytes => _q.Bytes + _pending.Bytes + _finished.Bytes;

    public static int EncodeState(in PlacementRequest r, ReadOnlySpan<TierStatus> tiers)
    {
        int s = FeatureBins.RequestSize(r.RequestBytes);
        s = (s << 1) | (r.IsWrite ? 1 : 0);
        s = (s << 2) | FeatureBins.RelativeTime(r.AccessIntervalUs, r.PeriodUs);
        s = (s << 2) | FeatureBins.PredecessorUse(r.AccessCount);
        s = (s << 2) | FeatureBins.Fill(tiers.Length > 0 ? tiers[0].Fill : 1.0);
        s = (s << 1) | (tiers.Length > 2 && tiers[1].RoomBelowHighWatermark < r.ExtentBytes ? 1 : 0);
        s = (s << 1) | (r.CurrentTier >= 0 ? 1 : 0);
        return s;
    }

    /// <summary>
    /// Space on a faster tier is borrowed: a cold extent placed there is later pushed down
    /// tier by tier to the slowest one, each step paying that tier's demotion cost, and more
    /// surely the fuller the tier it leaves.
    /// </summary>
    private float OccupancyCost(int tier, ReadOnlySpan<TierStatus> tiers)
    {
        float cost = 0;
        for (int j = tier; j < tiers.Length - 1; j++) cost += (float)tiers[j].Fill * DemotionCost(j) * Interference(j, j + 1);
        return cost;
    }

    /// <summary>A placement on a full tier pushes one extent down each full level below it.</summary>
    private float CascadeCost(int tier, int evictions)
    {
        float cost = 0;
        for (int j = tier; j < tier + evictions && j < _tierCount - 1; j++) cost += DemotionCost(j) * Interference(j, j + 1);
        return cost;
    }

    // Utilisation changes once per reporting period, so the factor is recomputed only then.
    private void RefreshInterference(ReadOnlySpan<TierStatus> tiers)
    {
        for (int t = 0; t < tiers.Length && t < _interference.Length; t++)
        {
            double u = tiers[t].Utilization;
            if (u == _lastUtilization[t]) continue;
            _lastUtilization[t] = u;
            _interference[t] = TierLatencyModel.InterferenceFactor(u);
        }
    }

    private float Interference(int a, int b)
    {
        float fa = (uint)a < (uint)_interference.Length ? _interference[a] : 0f;
        float fb = (uint)b < (uint)_interference.Length ? _interference[b] : 0f;
        float f = Math.Max(fa, fb);
        return f > 0 ? f : 1f; // unknown utilisation: full device-time cost
    }

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers)
    {
        int valid = ValidTiers(request.ExtentBytes, tiers);
        if (valid == 0) return -1;
        RefreshInterference(tiers);
        int state = EncodeState(request, tiers);
        int tier = EpsilonGreedy.Choose(_q, state, valid, _knobs.Epsilon, ref _rng);
        float occupancy = -_knobs.OccupancyCost * OccupancyCost(tier, tiers);
        // Keep the older decision on a collision: finishing it early would score it on the few
        // accesses it had so far (none, for data read some seconds after it was written).
        _pending.Add(request.ExtentIndex, state, tier, request.CurrentTier, tier, occupancy, _rounds, keepOlder: true);
        _pressure.NotePlacement(tier, request.ExtentBytes);
        return tier;
    }

    /// <summary>
    /// Faster tiers are always eligible (a full one costs an eviction, which the reward
    /// prices); the slowest tier only if it has room, since nothing can be evicted from it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ValidTiers(long extentBytes, ReadOnlySpan<TierStatus> tiers)
    {
        int n = Math.Min(tiers.Length, _tierCount);
        int mask = 0;
        for (int i = 0; i < n; i++)
        {
            bool last = i == tiers.Length - 1;
            if (tiers[i].CapacityBytes >= extentBytes && (!last || tiers[i].RoomBelowCapacity >= extentBytes))
                mask |= 1 << i;
        }
        return mask;
    }

    public void OnAccess(in AccessEvent access)
    {
        _latency.Observe(access.Tier, access.IsWrite, access.LatencyUs);
        ref PendingDecision p = ref _pending.Find(access.ExtentIndex);
        if (Unsafe.IsNullRef(ref p)) return;
        // Served by another tier than the one chosen: the volume overrode the choice (the tier was
        // past its high watermark) or the extent has moved. Either way the outcome says nothing of
        // the choice; crediting it taught "the fast tier earns nothing" whenever it was full.
        if (access.Tier != p.ToTier)
        {
            _pending.Drop(ref p);
            return;
        }
        // Evictions the placing write forced are the placement's doing.
        p.Reward -= _knobs.EvictionPenalty * CascadeCost(access.Tier, access.EvictionsCaused);
        // Reads decide the reward: a write lands in the tier file system's cache at about the same
        // speed on every tier, so counting the placing burst of writes taught "every tier is
        // equally good, and the fast one costs occupancy" — and sent data read soon after to the
        // slow tier. Gain relative to the slowest tier: ~1 at fastest-tier speed, ~0 at slowest.
        if (access.IsWrite) return;
        p.Reward += _latency.NormalisedGain(_tierCount - 1, _tierCount, false, access.LatencyUs);
        if (++p.Accesses >= _knobs.RewardAccesses) _pending.Finish(ref p);
    }

    public void OnMigrated(in MigrationEvent migration)
    {
        if (migration.ToTier > migration.FromTier && (uint)migration.FromTier < (uint)_demotionCost.Length)
        {
            float cost = (float)(migration.DurationUs / _latency.Gap(_tierCount));
            _demotionCost[migration.FromTier] += 0.05f * (Math.Min(cost, 100f) - _demotionCost[migration.FromTier]);
        }
        // The placed extent left its tier: the placement's outcome is whatever it earned so far.
        ref PendingDecision p = ref _pending.Find(migration.ExtentIndex);
        if (!Unsafe.IsNullRef(ref p)) _pending.Finish(ref p);
    }

    public int Learn()
    {
        // Learn runs once per migration round: the horizon is in rounds (seconds on a mount), not
        // in accesses — at 80,000 reads a second an access-count horizon closed a placement before
        // data written to be read ten seconds later was read at all, and scored it "never read".
        _pending.ExpireOlderThan(++_rounds, _knobs.HorizonRounds);
        int n = 0;
        while (_finished.TryTake(out Experience e))
        {
            QLearning.Apply(_q, e, _knobs.Alpha, 0f);
            n++;
        }
        return n;
    }

    public void Save(Stream destination) => QTableFile.Save(destination, Kind, [_q]);

    public void Load(Stream source) => QTableFile.Load(source, Kind, [_q]);
}
