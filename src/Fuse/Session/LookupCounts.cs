using System.Collections.Concurrent;

namespace TieredFs.Fuse.Session;

/// <summary>
/// The kernel's references per node: +1 for every entry it receives, −n for each FORGET.
/// When a node's count reaches zero the file system is told it may drop the node.
/// The root (node 1) is never counted: the kernel never forgets it.
/// </summary>
public sealed class LookupCounts
{
    private readonly ConcurrentDictionary<ulong, long> _counts = new();

    public const ulong RootNodeId = 1;

    public int TrackedNodes => _counts.Count;

    public void Add(ulong nodeId)
    {
        if (nodeId == RootNodeId || nodeId == 0)
            return;
        _counts.AddOrUpdate(nodeId, 1, static (_, n) => n + 1);
    }

    public long Get(ulong nodeId) => _counts.TryGetValue(nodeId, out long n) ? n : 0;

    /// <summary>Returns true when the node has no references left (and was removed).</summary>
    public bool Forget(ulong nodeId, ulong count)
    {
        if (nodeId == RootNodeId)
            return false;
        while (_counts.TryGetValue(nodeId, out long current))
        {
            long next = current - (long)count;
            if (next <= 0)
            {
                if (_counts.TryRemove(new KeyValuePair<ulong, long>(nodeId, current)))
                    return true;
            }
            else if (_counts.TryUpdate(nodeId, next, current))
            {
                return false;
            }
        }
        return false;
    }
}
