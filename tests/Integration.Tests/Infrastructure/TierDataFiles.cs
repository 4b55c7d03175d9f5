using System.Globalization;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>The tiers' data files seen from outside the daemon: which exist, and where they hold data.</summary>
public static class TierDataFiles
{
    /// <summary>Every &lt;tier&gt;/data/&lt;shard&gt;/&lt;ino&gt; file of the volume, with its tier and inode number.</summary>
    public static IEnumerable<(string Tier, ulong Ino, string Path)> All(TestVolume volume)
    {
        foreach (var (tier, root) in volume.TierPaths)
        {
            var data = System.IO.Path.Combine(root, "data");
            if (!Directory.Exists(data)) continue;
            foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
            {
                if (ulong.TryParse(System.IO.Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var ino))
                    yield return (tier, ino, file);
            }
        }
    }

    /// <summary>[Start, End) of each data region per SEEK_DATA / SEEK_HOLE, ascending.</summary>
    public static List<(long Start, long End)> Regions(string path)
    {
        var regions = new List<(long, long)>();
        using var fd = Native.Open(path, Native.O_RDONLY);
        var size = Native.Fstat(fd).Size;
        for (long position = 0; position < size;)
        {
            long start;
            try
            {
                start = Native.Lseek(fd, position, Native.SEEK_DATA);
            }
            catch (ErrnoException e) when (e.Errno == Errno.ENXIO)
            {
                break;
            }
            var end = Native.Lseek(fd, start, Native.SEEK_HOLE);
            regions.Add((start, end));
            position = end;
        }
        return regions;
    }

    /// <summary>Bytes of data per SEEK_DATA (0 when the file does not exist).</summary>
    public static long DataBytes(string path) => File.Exists(path) ? Regions(path).Sum(r => r.End - r.Start) : 0;

    /// <summary>Writes <paramref name="length"/> bytes of <paramref name="value"/> into a data file behind the daemon's back.</summary>
    public static void Plant(string path, long offset, int length, byte value)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT);
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        Native.PWriteAll(fd, bytes, offset);
    }
}
