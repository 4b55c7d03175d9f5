namespace TieredFs.Tiering.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>
    /// Every inode carrying the xattr <paramref name="name"/>, with its value. A full scan of the
    /// xattrs table: for start-up only (e.g. loading pins), never on the data path. Caller holds Gate.
    /// </summary>
    public List<(ulong Ino, byte[] Value)> FindXattrs(byte[] name)
    {
        var found = new List<(ulong, byte[])>();
        using var cmd = Command("SELECT ino, value FROM xattrs WHERE name = $n");
        cmd.Parameters.AddWithValue("$n", name);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            found.Add(((ulong)r.GetInt64(0), (byte[])r.GetValue(1)));
        return found;
    }
}
