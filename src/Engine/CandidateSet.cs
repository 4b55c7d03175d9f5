using TieredFs.Agents.Abstractions;

namespace TieredFs.Engine;

/// <summary>
/// One round's candidates: admitted hot extents on slower tiers (most valuable first) and, per
/// faster tier, its eviction order (least valuable first: never-touched residents, then the
/// coldest tracked extents). The same order serves the policies' cold candidates and the
/// engine's victims when a promotion needs room, so there is one eviction rule.
/// </summary>
internal sealed class CandidateSet
{
    private readonly List<MigrationCandidate> _all = [];
    private readonly List<double> _value = [];
    private readonly Dictionary<long, int> _index = [];
    private readonly List<int>[] _victims;
    private readonly int[] _nextVictim;

    public CandidateSet(int tiers)
    {
        _victims = new List<int>[tiers];
        for (int t = 0; t < tiers; t++) _victims[t] = [];
        _nextVictim = new int[tiers];
    }

    public int Count => _all.Count;

    public ReadOnlySpan<MigrationCandidate> AsSpan() => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_all);

    public void Clear()
    {
        _all.Clear();
        _value.Clear();
        _index.Clear();
        foreach (var v in _victims) v.Clear();
        Array.Clear(_nextVictim);
    }

    public bool TryGet(long id, out MigrationCandidate candidate)
    {
        if (_index.TryGetValue(id, out int i)) { candidate = _all[i]; return true; }
        candidate = default;
        return false;
    }

    /// <param name="value">The engine's heat measure the candidate was ordered by (shrunk hits).</param>
    public bool Add(in MigrationCandidate c, double value)
    {
        if (!_index.TryAdd(c.ExtentIndex, _all.Count)) return false;
        if (c.Kind == CandidateKind.ColdOnFast && (uint)c.CurrentTier < (uint)_victims.Length)
            _victims[c.CurrentTier].Add(_all.Count);
        _all.Add(c);
        _value.Add(value);
        return true;
    }

    /// <summary>The heat measure the candidate was ordered by; 0 if it is not a candidate.</summary>
    public double ValueOf(long id) => _index.TryGetValue(id, out int i) ? _value[i] : 0;

    /// <summary>Un-takes the victim <see cref="NextVictim"/> returned last for <paramref name="tier"/> (it was not used).</summary>
    public void PutBack(int tier)
    {
        if (_nextVictim[tier] > 0) _nextVictim[tier]--;
    }

    /// <summary>
    /// The next victim on <paramref name="tier"/> in eviction order that is not in
    /// <paramref name="busy"/> (already planned to move this round).
    /// </summary>
    public bool NextVictim(int tier, HashSet<long> busy, out MigrationCandidate victim)
    {
        var list = _victims[tier];
        while (_nextVictim[tier] < list.Count)
        {
            victim = _all[list[_nextVictim[tier]++]];
            if (!busy.Contains(victim.ExtentIndex)) return true;
        }
        victim = default;
        return false;
    }
}
