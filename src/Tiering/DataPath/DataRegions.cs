using Microsoft.Win32.SafeHandles;

namespace TieredFs.Tiering.DataPath;

/// <summary>The ranges of a sparse data file that hold data, as SEEK_DATA/SEEK_HOLE report them.</summary>
internal static class DataRegions
{
    /// <summary>
    /// [Start, End) of every data region, ascending. A filesystem without SEEK_DATA support reports
    /// the whole file as data, which only makes a caller do more work, never less.
    /// </summary>
    public static List<(long Start, long End)> Of(SafeFileHandle handle)
    {
        var regions = new List<(long, long)>();
        long length = RandomAccess.GetLength(handle);
        for (long position = 0; position < length;)
        {
            long start = Posix.Seek(handle, position, Posix.SEEK_DATA);
            if (start == -PosixError.ENXIO)
                break;
            if (start < 0)
            {
                regions.Add((position, length));
                break;
            }
            long end = Posix.Seek(handle, start, Posix.SEEK_HOLE);
            if (end < 0 || end > length)
                end = length;
            if (end <= start)
                break;
            regions.Add((start, end));
            position = end;
        }
        return regions;
    }
}
