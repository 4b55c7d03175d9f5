using System.Collections.Concurrent;

namespace TieredFs.Fuse.Session;

/// <summary>
/// Requests in flight, so an INTERRUPT can be matched to its target. Our handlers are short and
/// bounded, so an interrupted request simply completes; what matters is the protocol rule that an
/// interrupt for a request not yet seen is answered EAGAIN so the kernel queues it again.
/// </summary>
public sealed class InterruptTracker
{
    private readonly ConcurrentDictionary<ulong, bool> _inFlight = new();

    public void Begin(ulong unique) => _inFlight[unique] = false;

    public void End(ulong unique) => _inFlight.TryRemove(unique, out _);

    /// <summary>Marks the target; false when it is not (yet) in flight.</summary>
    public bool TryInterrupt(ulong unique)
    {
        if (!_inFlight.ContainsKey(unique))
            return false;
        _inFlight.TryUpdate(unique, true, false);
        return true;
    }

    public bool IsInterrupted(ulong unique) => _inFlight.TryGetValue(unique, out bool v) && v;
}
