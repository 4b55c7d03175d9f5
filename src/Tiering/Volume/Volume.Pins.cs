using System.Collections.Concurrent;
using System.Text;
using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

// Pins: a file's new extents go to a named tier. Persisted as the ordinary xattr
// user.tieredfs.pin = "<tier name>" (so it survives restarts and `setfattr` works too), and
// mirrored in memory so placement never touches the store on the data path.
public sealed partial class Volume
{
    public const string PinXattr = "user.tieredfs.pin";

    private static readonly byte[] s_pinXattr = Encoding.ASCII.GetBytes(PinXattr);

    // ino → tier rank. Inode numbers are never reused (AUTOINCREMENT), so an entry left by a
    // deleted file is harmless.
    private readonly ConcurrentDictionary<ulong, int> _pins = new();

    /// <summary>The tier a file is pinned to, or null.</summary>
    public string? PinnedTier(ulong ino) => _pins.TryGetValue(ino, out int rank) ? _tiers[rank].Name : null;

    public int PinCount => _pins.Count;

    /// <summary>Rank of the tier a file is pinned to, or −1.</summary>
    public int PinnedRank(ulong ino) => !_pins.IsEmpty && _pins.TryGetValue(ino, out int rank) ? rank : -1;

    /// <summary>Up to <paramref name="count"/> pins with inode numbers above <paramref name="afterIno"/>, ascending.</summary>
    public List<(ulong Ino, int Rank)> PinsAfter(ulong afterIno, int count)
    {
        var result = new List<(ulong Ino, int Rank)>();
        if (_pins.IsEmpty) return result;
        foreach (var (ino, rank) in _pins)
            if (ino > afterIno) result.Add((ino, rank));
        result.Sort((a, b) => a.Ino.CompareTo(b.Ino));
        if (result.Count > count) result.RemoveRange(count, result.Count - count);
        return result;
    }

    private void LoadPins()
    {
        List<(ulong Ino, byte[] Value)> pins;
        lock (_store.Gate)
            pins = _store.FindXattrs(s_pinXattr);
        int ignored = 0;
        foreach (var (ino, value) in pins)
        {
            if (TryParsePin(value, out int rank))
                _pins[ino] = rank;
            else
                ignored++;
        }
        if (ignored > 0)
            s_log.Warning("Ignoring {Count} pins to tiers that are no longer configured", ignored);
    }

    private bool TryParsePin(ReadOnlySpan<byte> value, out int rank)
    {
        for (rank = 0; rank < _tiers.Length; rank++)
        {
            if (value.SequenceEqual(Encoding.ASCII.GetBytes(_tiers[rank].Name)))
                return true;
        }
        rank = -1;
        return false;
    }

    /// <summary>SetXattr/RemoveXattr refuse a pin to an unknown tier (EINVAL) before storing it.</summary>
    private int CheckPin(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        name.SequenceEqual(s_pinXattr) && !TryParsePin(value, out _) ? PosixError.EINVAL : 0;

    /// <summary>Mirrors a committed set (<paramref name="removed"/> false) or removal of the pin xattr.</summary>
    private void NotePin(ulong ino, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool removed)
    {
        if (!name.SequenceEqual(s_pinXattr))
            return;
        if (!removed && TryParsePin(value, out int rank))
            _pins[ino] = rank;
        else
            _pins.TryRemove(ino, out _);
    }

    /// <summary>
    /// Placement for a new extent: the pinned tier while it has room below capacity (a pin is a
    /// request, not a reason for ENOSPC), else the placement policy. Counts the decision.
    /// </summary>
    private int ChooseTierFor(Inode inode, long index, int requestBytes)
    {
        if (!_pins.IsEmpty && _pins.TryGetValue(inode.Ino, out int pinned) && _tiers[pinned].Status().RoomBelowCapacity >= ExtentSize)
        {
            _telemetry.Placed(pinned, pinned: true);
            return pinned;
        }
        int rank = ChooseTier(inode.Ino, index, requestBytes);
        if (rank >= 0)
            _telemetry.Placed(rank, pinned: false);
        return rank;
    }
}
