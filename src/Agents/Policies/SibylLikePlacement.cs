using System.Runtime.CompilerServices;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Learning;
using TieredFs.Agents.QTables;

namespace TieredFs.Agents.Policies;

/// <summary>
/// Sibyl-like placement-only RL (Singh et al., ISCA 2022), tabular instead of a deep network:
/// same state as the Harmonia placement agent, action = tier, immediate reward = the placing
/// request's normalised latency gain minus a penalty per forced eviction, Q-learning over the
/// sequence of placement decisions (next state = state of the next decision). No migration:
/// when the fast tier is full, choosing it evicts its LRU extent (urgent eviction).
/// </summary>
public sealed class SibylLikePlacement : IPlacementPolicy, IAccessObserver, ILearningPolicy, IPersistentPolicy
{
    public const string Kind = "sibyl-placement";
    private const float Alpha = 0.1f;
    private const float Gamma = 0.5f;
    private const double Epsilon = 0.02;
    private const float EvictionPenalty = 1.0f;

    private readonly QTable _q = new(11, 2, 1.0f);
    private readonly ExperienceRing _finished = new(256);
    private readonly TierLatencyModel _latency = new();
    private readonly int _tierCount;
    private XorShiftRng _rng;
    private long _lastExtent = -1;
    private int _lastState, _lastAction;
    private float _lastReward;
    private bool _lastRewarded;

    public SibylLikePlacement(int tierCount, ulong seed)
    {
        _tierCount = Math.Clamp(tierCount, 1, 4);
        _rng = new XorShiftRng(seed ^ 0x51B71UL);
    }

    public string Name => "sibyl";
    public int TableBytes => _q.Bytes;
    public QTable Table => _q;

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers)
    {
        int valid = 0;
        for (int i = 0; i < Math.Min(tiers.Length, _tierCount); i++)
        {
            bool last = i == tiers.Length - 1;
            if (tiers[i].CapacityBytes >= request.ExtentBytes && (!last || tiers[i].RoomBelowCapacity >= request.ExtentBytes))
                valid |= 1 << i;
        }
        if (valid == 0) return -1;
        int state = HarmoniaPlacement.EncodeState(request, tiers);
        if (_lastExtent >= 0 && _lastRewarded)
            _finished.Add(new Experience(_lastState, _lastAction, _lastReward, state, valid));
        int tier = EpsilonGreedy.Choose(_q, state, valid, Epsilon, ref _rng);
        _lastExtent = request.ExtentIndex;
        _lastState = state;
        _lastAction = tier;
        _lastRewarded = false;
        return tier;
    }

    public void OnAccess(in AccessEvent access)
    {
        _latency.Observe(access.Tier, access.IsWrite, access.LatencyUs);
        if (_lastRewarded || access.ExtentIndex != _lastExtent) return;
        _lastReward = _latency.NormalisedGain(_tierCount - 1, _tierCount, access.IsWrite, access.LatencyUs)
                      - EvictionPenalty * access.EvictionsCaused;
        _lastRewarded = true;
    }

    public void OnMigrated(in MigrationEvent migration) { }

    public int Learn()
    {
        int n = 0;
        while (_finished.TryTake(out Experience e))
        {
            QLearning.Apply(_q, e, Alpha, Gamma);
            n++;
        }
        return n;
    }

    public void Save(Stream destination) => QTableFile.Save(destination, Kind, [_q]);

    public void Load(Stream source) => QTableFile.Load(source, Kind, [_q]);
}
