using System.Diagnostics;
using TieredFs.Agents.Abstractions;
using TieredFs.Engine;

namespace TieredFs.Tiering.Migration;

/// <summary>
/// The engine's view of a live volume: real tiers, the extent map, pins and the crash-safe
/// mover (<see cref="Volume.Volume.MoveExtent"/>). Used only from the migration thread.
/// </summary>
public sealed class VolumeMechanism : ITieringMechanism
{
    private readonly Volume.Volume _volume;
    private readonly (ulong Ino, long Index)[] _residentCursor;
    private ulong _pinCursor;

    public VolumeMechanism(Volume.Volume volume)
    {
        _volume = volume;
        _residentCursor = new (ulong, long)[volume.Tiers.Count];
    }

    public int TierCount => _volume.Tiers.Count;

    public long ExtentBytes => _volume.ExtentSize;

    public void TierStatuses(Span<TierStatus> destination) => _volume.TierStatuses(destination);

    public int TierOf(ExtentId id) => _volume.TierOf(id.Ino, id.Index);

    public int PinnedTier(ExtentId id) => _volume.PinnedRank(id.Ino);

    public int SampleResident(int rank, Span<ExtentId> destination)
    {
        if (destination.IsEmpty || (uint)rank >= (uint)TierCount) return 0;
        var cursor = _residentCursor[rank];
        var sample = _volume.SampleCommittedExtents(rank, cursor.Ino, cursor.Index, destination.Length);
        // Wrap at the end so that, over rounds, every resident extent is offered.
        _residentCursor[rank] = sample.Count < destination.Length ? (0, -1) : sample[^1];
        for (int i = 0; i < sample.Count; i++)
            destination[i] = ExtentId.Of(sample[i].Ino, sample[i].Index);
        return sample.Count;
    }

    public int SamplePinnedMisplaced(Span<ExtentId> destination)
    {
        int n = 0;
        foreach (var (ino, rank) in _volume.PinsAfter(_pinCursor, 64))
        {
            foreach (var (index, tier) in _volume.ExtentsOf(ino))
            {
                if (tier == rank) continue;
                if (n == destination.Length) return n; // this file again next round, from its start
                destination[n++] = ExtentId.Of(ino, index);
            }
            _pinCursor = ino;
        }
        if (n == 0) _pinCursor = 0; // walked all pins: start over next round
        return n;
    }

    public MoveReport Move(ExtentId id, int fromTier, int toTier)
    {
        if (_volume.TierOf(id.Ino, id.Index) != fromTier)
            return new MoveReport(MoveResult.Stale, 0);
        long start = Stopwatch.GetTimestamp();
        var outcome = _volume.MoveExtent(id.Ino, id.Index, toTier, out var timing);
        double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        var result = outcome switch
        {
            MoveOutcome.Moved => MoveResult.Moved,
            MoveOutcome.TargetFull => MoveResult.TargetFull,
            MoveOutcome.Pinned => MoveResult.Pinned,
            MoveOutcome.AlreadyThere or MoveOutcome.NoSuchExtent => MoveResult.Stale,
            _ => MoveResult.Failed,
        };
        return new MoveReport(result, us, timing.SourceUs, timing.TargetUs);
    }
}
