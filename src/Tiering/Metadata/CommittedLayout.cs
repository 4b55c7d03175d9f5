namespace TieredFs.Tiering.Metadata;

/// <summary>
/// What the committed metadata says about one regular file's data: its size and the tier of each
/// extent. Anything a data file holds outside of this was never acknowledged, or is no longer
/// referenced, and may be reclaimed.
/// </summary>
/// <param name="Extents">(extent index, tier id), ascending by index.</param>
public sealed record CommittedLayout(long Size, IReadOnlyList<(long Index, byte Tier)> Extents)
{
    /// <summary>
    /// The byte ranges of the user's file that the data file on tier <paramref name="tierId"/> may
    /// hold: its extents there, cut at the committed size, adjacent ones merged; ascending.
    /// </summary>
    public List<(long Start, long End)> ReferencedRanges(byte tierId, long extentSize)
    {
        var ranges = new List<(long Start, long End)>();
        foreach (var (index, tier) in Extents)
        {
            if (tier != tierId)
                continue;
            long start = index * extentSize;
            long end = Math.Min(start + extentSize, Size);
            if (end <= start)
                continue; // wholly past the end of the file: nothing there was ever acknowledged
            if (ranges.Count > 0 && ranges[^1].End == start)
                ranges[^1] = (ranges[^1].Start, end);
            else
                ranges.Add((start, end));
        }
        return ranges;
    }
}
