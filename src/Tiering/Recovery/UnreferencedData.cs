using Microsoft.Win32.SafeHandles;
using TieredFs.Tiering.DataPath;

namespace TieredFs.Tiering.Recovery;

/// <summary>
/// Finds, and with repair punches, the data of one data file that lies outside the ranges the
/// committed metadata references on its tier.
/// </summary>
internal static class UnreferencedData
{
    /// <summary>
    /// The unreferenced ranges that held something, ascending. Whole filesystem blocks are punched
    /// unread: that frees their space. A piece covering only part of a block (the block holding a
    /// file's committed end, typically) can only be zeroed, not freed; it is read and counted only
    /// if it holds anything, so a clean file is not reported again at every open.
    /// </summary>
    public static List<(long Start, long End)> Reclaim(SafeFileHandle handle, IReadOnlyList<(long Start, long End)> referenced, long blockSize, bool repair)
    {
        var unreferenced = new List<(long Start, long End)>();
        foreach (var region in DataRegions.Of(handle))
            UnreferencedRanges.Within(region, referenced, unreferenced);
        var reclaimed = new List<(long Start, long End)>();
        long fileLength = RandomAccess.GetLength(handle);
        foreach (var (start, end) in unreferenced)
        {
            long wholeStart = (start + blockSize - 1) / blockSize * blockSize;
            // A piece that runs to the end of the data file owns the rest of the last block too
            // (nothing can be there), so that block is freed whole instead of zeroed in place.
            long wholeEnd = end >= fileLength ? (end + blockSize - 1) / blockSize * blockSize : end / blockSize * blockSize;
            if (wholeStart >= wholeEnd)
            {
                ReclaimPartial(handle, start, end, repair, reclaimed);
                continue;
            }
            ReclaimPartial(handle, start, wholeStart, repair, reclaimed);
            Discard(handle, wholeStart, wholeEnd, repair, reclaimed);
            ReclaimPartial(handle, wholeEnd, end, repair, reclaimed); // empty when the piece ran to the end
        }
        return reclaimed;
    }

    private static void ReclaimPartial(SafeFileHandle handle, long start, long end, bool repair, List<(long, long)> reclaimed)
    {
        if (end <= start)
            return;
        var bytes = new byte[end - start];
        long n = PosixIo.ReadFully(handle, bytes, start);
        if (n < 0)
            throw new IOException($"reading [{start}, {end}) failed with errno {-n}");
        if (bytes.AsSpan(0, (int)n).IndexOfAnyExcept((byte)0) >= 0)
            Discard(handle, start, end, repair, reclaimed);
    }

    private static void Discard(SafeFileHandle handle, long start, long end, bool repair, List<(long, long)> reclaimed)
    {
        if (repair)
        {
            int rc = StaleBytes.Discard(handle, start, end - start);
            if (rc != 0)
                throw new IOException($"punching [{start}, {end}) failed with errno {rc}");
        }
        reclaimed.Add((start, end));
    }
}
