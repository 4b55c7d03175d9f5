using TieredFs.Agents.Abstractions;

namespace TieredFs.Tiering.DataPath;

/// <summary>
/// One backing directory. Its data files hold, for each file with extents here, those extents
/// at the same offsets as in the user's file. Capacity is accounted in whole extents.
/// </summary>
public sealed class Tier
{
    private long _usedExtents;
    private long _backingFullUntilExtents = long.MaxValue;

    public Tier(int rank, byte id, string name, string path, long capacityBytes, double highWatermark, double lowWatermark, long extentSize)
    {
        Rank = rank;
        Id = id;
        Name = name;
        Path = path;
        DataDirectory = System.IO.Path.Combine(path, "data");
        CapacityBytes = capacityBytes;
        HighWatermark = highWatermark;
        LowWatermark = lowWatermark;
        ExtentSize = extentSize;
    }

    /// <summary>Position in the configuration: 0 is the fastest.</summary>
    public int Rank { get; }

    /// <summary>Persistent id recorded in the extent map.</summary>
    public byte Id { get; }

    public string Name { get; }
    public string Path { get; }
    public string DataDirectory { get; }
    public long CapacityBytes { get; }
    public double HighWatermark { get; set; }
    public double LowWatermark { get; set; }
    public long ExtentSize { get; }

    public long UsedExtents => Volatile.Read(ref _usedExtents);

    public long UsedBytes => UsedExtents * ExtentSize;

    /// <summary>
    /// The backing filesystem said ENOSPC: treat the tier as full until extents are freed here,
    /// whatever the configured capacity says.
    /// </summary>
    public void MarkBackingFull() => Volatile.Write(ref _backingFullUntilExtents, UsedExtents);

    public void AddExtents(long n) => Interlocked.Add(ref _usedExtents, n);

    public void RemoveExtents(long n)
    {
        Interlocked.Add(ref _usedExtents, -n);
        if (UsedExtents < Volatile.Read(ref _backingFullUntilExtents))
            Volatile.Write(ref _backingFullUntilExtents, long.MaxValue);
    }

    public TierStatus Status()
    {
        long capacity = UsedExtents >= Volatile.Read(ref _backingFullUntilExtents) ? UsedBytes : CapacityBytes;
        return new TierStatus(capacity, UsedBytes, HighWatermark, LowWatermark);
    }

    /// <summary>&lt;tier&gt;/data/&lt;ino % 256 as two hex digits&gt;/&lt;ino&gt;: sharded so no directory grows huge.</summary>
    public string DataFilePath(ulong ino) => System.IO.Path.Combine(DataDirectory, (ino % 256).ToString("x2"), ino.ToString());
}
