using TieredFs.Tiering.DataPath;

namespace TieredFs.Tiering.Tests.Infrastructure;

/// <summary>Looks at (and plants stale bytes in) a tier's data file directly, behind the volume's back.</summary>
public static class DataFileProbe
{
    /// <summary>Writes <paramref name="length"/> bytes of <paramref name="value"/> at <paramref name="offset"/>, creating the file (and its shard) if needed.</summary>
    public static void Plant(string path, long offset, int length, byte value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        RandomAccess.Write(handle, bytes, offset);
    }

    /// <summary>True when SEEK_DATA finds no data in [offset, offset + length) (or the file ends before it).</summary>
    public static bool IsHole(string path, long offset, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long data = Posix.Seek(handle, offset, Posix.SEEK_DATA);
        return data == -PosixError.ENXIO || data >= offset + length;
    }

    /// <summary>Bytes SEEK_DATA reports as data in the whole file.</summary>
    public static long DataBytes(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return DataRegions.Of(handle).Sum(r => r.End - r.Start);
    }
}
