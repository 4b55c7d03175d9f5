namespace TieredFs.Tiering.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>
    /// The committed size and extent map of <paramref name="ino"/>; null when no such inode is
    /// committed or it is not a regular file (then no data file of it should exist). For the data
    /// scrub, never on the data path. Caller holds Gate.
    /// </summary>
    public CommittedLayout? LoadCommittedLayout(ulong ino)
    {
        long size;
        using (var inode = Command("SELECT mode, size FROM inodes WHERE ino = $i"))
        {
            inode.Parameters.AddWithValue("$i", (long)ino);
            using var r = inode.ExecuteReader();
            if (!r.Read() || !ModeBits.IsRegular((uint)r.GetInt64(0)))
                return null;
            size = r.GetInt64(1);
        }
        var extents = new List<(long Index, byte Tier)>();
        using var cmd = Command("SELECT idx, tier FROM extents WHERE ino = $i ORDER BY idx");
        cmd.Parameters.AddWithValue("$i", (long)ino);
        using var er = cmd.ExecuteReader();
        while (er.Read())
            extents.Add((er.GetInt64(0), (byte)er.GetInt64(1)));
        return new CommittedLayout(size, extents);
    }
}
