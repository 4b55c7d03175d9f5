namespace TieredFs.Tiering.Metadata;

/// <summary>
/// Which tier holds each extent of one file, plus the changes not yet committed to the store.
/// A dictionary, not an array, because files may be sparse and huge (an extent index near 2^40
/// must not cost memory). Callers hold the inode's MapLock.
/// </summary>
public sealed class ExtentMap
{
    public const byte NoTier = byte.MaxValue;

    private readonly Dictionary<long, byte> _tiers = new();
    private readonly Dictionary<long, byte> _pending = new();

    public int Count => _tiers.Count;

    public bool HasPendingChanges => _pending.Count > 0;

    public bool TryGetTier(long index, out byte tier) => _tiers.TryGetValue(index, out tier);

    /// <summary>Loads a committed mapping (from the store at startup); not recorded as pending.</summary>
    public void Load(long index, byte tier) => _tiers[index] = tier;

    public void Set(long index, byte tier)
    {
        _tiers[index] = tier;
        _pending[index] = tier;
    }

    public bool Remove(long index, out byte tier)
    {
        if (!_tiers.Remove(index, out tier))
            return false;
        _pending[index] = NoTier;
        return true;
    }

    /// <summary>Indexes in ascending order (allocates; for cold paths: truncate, seek, inspect).</summary>
    public long[] SortedIndexes()
    {
        var keys = new long[_tiers.Count];
        _tiers.Keys.CopyTo(keys, 0);
        Array.Sort(keys);
        return keys;
    }

    /// <summary>Takes the uncommitted changes (tier NoTier = removed) and forgets them.</summary>
    public KeyValuePair<long, byte>[] TakePending()
    {
        if (_pending.Count == 0)
            return [];
        var changes = _pending.ToArray();
        _pending.Clear();
        return changes;
    }

    /// <summary>Puts changes back after a failed commit, unless newer changes superseded them.</summary>
    public void RestorePending(KeyValuePair<long, byte>[] changes)
    {
        foreach (var (index, tier) in changes)
            _pending.TryAdd(index, tier);
    }

    public IEnumerable<KeyValuePair<long, byte>> All => _tiers;
}
