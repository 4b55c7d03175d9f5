namespace TieredFs.Tiering.Recovery;

/// <summary>Range arithmetic of the scrub: the parts of a data region no referenced range covers.</summary>
internal static class UnreferencedRanges
{
    /// <summary>
    /// Appends to <paramref name="result"/> the pieces of <paramref name="region"/> outside every
    /// range of <paramref name="referenced"/> (ascending, disjoint), in ascending order.
    /// </summary>
    public static void Within((long Start, long End) region, IReadOnlyList<(long Start, long End)> referenced, List<(long Start, long End)> result)
    {
        long position = region.Start;
        foreach (var (start, end) in referenced)
        {
            if (end <= position)
                continue;
            if (start >= region.End)
                break;
            if (start > position)
                result.Add((position, start));
            position = Math.Max(position, end);
            if (position >= region.End)
                return;
        }
        if (position < region.End)
            result.Add((position, region.End));
    }
}
