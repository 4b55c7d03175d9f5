namespace TieredFs.Tiering.Metadata;

// Extended attributes. Callers hold Gate (and a transaction for writes).
public sealed partial class MetadataStore
{
    public byte[]? GetXattr(ulong ino, byte[] name)
    {
        using var cmd = Command("SELECT value FROM xattrs WHERE ino = $i AND name = $n");
        cmd.Parameters.AddWithValue("$i", (long)ino);
        cmd.Parameters.AddWithValue("$n", name);
        return cmd.ExecuteScalar() as byte[];
    }

    public List<byte[]> ListXattrs(ulong ino)
    {
        var names = new List<byte[]>();
        using var cmd = Command("SELECT name FROM xattrs WHERE ino = $i ORDER BY name");
        cmd.Parameters.AddWithValue("$i", (long)ino);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            names.Add((byte[])r.GetValue(0));
        return names;
    }

    public void SetXattr(ulong ino, byte[] name, byte[] value)
    {
        using var cmd = Command("INSERT OR REPLACE INTO xattrs(ino, name, value) VALUES($i, $n, $v)");
        cmd.Parameters.AddWithValue("$i", (long)ino);
        cmd.Parameters.AddWithValue("$n", name);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    public bool RemoveXattr(ulong ino, byte[] name)
    {
        using var cmd = Command("DELETE FROM xattrs WHERE ino = $i AND name = $n");
        cmd.Parameters.AddWithValue("$i", (long)ino);
        cmd.Parameters.AddWithValue("$n", name);
        return cmd.ExecuteNonQuery() > 0;
    }
}
