namespace TieredFs.Agents.Abstractions;

/// <summary>
/// Simulator-only view of the future, for the Oracle. A live volume never implements this.
/// </summary>
public interface IFutureKnowledge
{
    /// <summary>Requests from now until the next access to the extent; long.MaxValue if never.</summary>
    long DistanceToNextUse(long extentIndex);

    /// <summary>Extents accessed within the next <paramref name="requests"/> requests, nearest first.
    /// Returns how many were written to <paramref name="extents"/>.</summary>
    int UpcomingExtents(int requests, Span<long> extents);
}
