namespace TieredFs.Simulation.Engine;

/// <summary>
/// One intrusive doubly linked LRU list per tier over dense extent ids (head = most recent).
/// O(1) touch, insert and remove with two int arrays, no nodes to allocate.
/// </summary>
public sealed class TierLruLists
{
    private readonly int[] _prev, _next, _head, _tail, _count;

    public TierLruLists(int extents, int tiers)
    {
        _prev = new int[extents];
        _next = new int[extents];
        _head = new int[tiers];
        _tail = new int[tiers];
        _count = new int[tiers];
        Array.Fill(_head, -1);
        Array.Fill(_tail, -1);
    }

    public int Head(int tier) => _head[tier];
    public int Tail(int tier) => _tail[tier];
    public int Count(int tier) => _count[tier];
    public int Next(int e) => _next[e];
    public int Previous(int e) => _prev[e];

    public void PushHead(int tier, int e)
    {
        _prev[e] = -1;
        _next[e] = _head[tier];
        if (_head[tier] >= 0) _prev[_head[tier]] = e; else _tail[tier] = e;
        _head[tier] = e;
        _count[tier]++;
    }

    public void PushTail(int tier, int e)
    {
        _next[e] = -1;
        _prev[e] = _tail[tier];
        if (_tail[tier] >= 0) _next[_tail[tier]] = e; else _head[tier] = e;
        _tail[tier] = e;
        _count[tier]++;
    }

    public void Remove(int tier, int e)
    {
        int p = _prev[e], n = _next[e];
        if (p >= 0) _next[p] = n; else _head[tier] = n;
        if (n >= 0) _prev[n] = p; else _tail[tier] = p;
        _count[tier]--;
    }

    public void Touch(int tier, int e)
    {
        if (_head[tier] == e) return;
        Remove(tier, e);
        PushHead(tier, e);
    }
}
