using TieredFs.Agents.Abstractions;

namespace TieredFs.Simulation.Engine;

/// <summary>
/// The simulator's knowledge of the future, for the Oracle: where the replay is, and when
/// each extent will be touched next. Advanced by the simulator as it replays.
/// </summary>
public sealed class FutureIndex : IFutureKnowledge
{
    private readonly PreparedTrace _trace;
    private readonly int[] _nextUse;
    private readonly int[] _stamp;
    private int _stampValue;

    public FutureIndex(PreparedTrace trace)
    {
        _trace = trace;
        _nextUse = (int[])trace.FirstUseRequest.Clone();
        _stamp = new int[trace.ExtentCount];
    }

    public int CurrentRequest { get; private set; }

    /// <summary>Called for each piece as it is replayed: its extent's next use moves past this request.</summary>
    public void Replay(int request, int piece)
    {
        CurrentRequest = request;
        _nextUse[_trace.PieceExtent[piece]] = _trace.NextUseRequest[piece];
    }

    public long DistanceToNextUse(long extentIndex)
    {
        int next = _nextUse[(int)extentIndex];
        return next == int.MaxValue ? long.MaxValue : next - CurrentRequest;
    }

    public int UpcomingExtents(int requests, Span<long> extents)
    {
        _stampValue++;
        int k = 0;
        int end = Math.Min(_trace.RequestCount, CurrentRequest + 1 + requests);
        for (int i = CurrentRequest + 1; i < end && k < extents.Length; i++)
        {
            for (int p = _trace.PieceStart[i]; p < _trace.PieceStart[i + 1] && k < extents.Length; p++)
            {
                int e = _trace.PieceExtent[p];
                if (_stamp[e] == _stampValue) continue;
                _stamp[e] = _stampValue;
                extents[k++] = e;
            }
        }
        return k;
    }
}
