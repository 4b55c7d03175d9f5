using Microsoft.Data.Sqlite;

namespace TieredFs.Tiering.Metadata;

// Inode, dentry and extent rows. Callers hold Gate and an open transaction for writes.
public sealed partial class MetadataStore
{
    public Inode? LoadInode(ulong ino)
    {
        using var cmd = Command("SELECT mode, uid, gid, nlink, rdev, size, atime, mtime, ctime, target FROM inodes WHERE ino = $i");
        cmd.Parameters.AddWithValue("$i", (long)ino);
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            return null;
        var inode = new Inode(ino)
        {
            Mode = (uint)r.GetInt64(0),
            Uid = (uint)r.GetInt64(1),
            Gid = (uint)r.GetInt64(2),
            Nlink = (uint)r.GetInt64(3),
            Rdev = (uint)r.GetInt64(4),
            Size = r.GetInt64(5),
            AtimeNs = r.GetInt64(6),
            MtimeNs = r.GetInt64(7),
            CtimeNs = r.GetInt64(8),
            SymlinkTarget = r.IsDBNull(9) ? null : (byte[])r.GetValue(9),
        };
        r.Close();
        if (inode.IsRegular)
        {
            using var ext = Command("SELECT idx, tier FROM extents WHERE ino = $i");
            ext.Parameters.AddWithValue("$i", (long)ino);
            using var er = ext.ExecuteReader();
            while (er.Read())
                inode.Extents.Load(er.GetInt64(0), (byte)er.GetInt64(1));
        }
        if (inode.IsDirectory && ino != 1)
        {
            using var parent = Command("SELECT parent FROM dentries WHERE ino = $i LIMIT 1");
            parent.Parameters.AddWithValue("$i", (long)ino);
            inode.Parent = (ulong)(long)(parent.ExecuteScalar() ?? 1L);
        }
        else if (ino == 1)
        {
            inode.Parent = 1;
        }
        return inode;
    }

    public Dictionary<string, DirEntry> LoadChildren(ulong dir)
    {
        var children = new Dictionary<string, DirEntry>(StringComparer.Ordinal);
        using var cmd = Command("SELECT name, ino, type FROM dentries WHERE parent = $p");
        cmd.Parameters.AddWithValue("$p", (long)dir);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            children[NameKey((byte[])r.GetValue(0))] = new DirEntry((ulong)r.GetInt64(1), (uint)r.GetInt64(2));
        return children;
    }

    /// <summary>Inserts a new inode row and returns its number (never reused: AUTOINCREMENT).</summary>
    public ulong InsertInode(Inode template)
    {
        using var cmd = Command("INSERT INTO inodes(mode, uid, gid, nlink, rdev, size, atime, mtime, ctime, target) VALUES($m, $u, $g, $n, $r, $s, $a, $mt, $c, $t) RETURNING ino");
        BindAttributes(cmd, template);
        cmd.Parameters.AddWithValue("$t", (object?)template.SymlinkTarget ?? DBNull.Value);
        return (ulong)(long)cmd.ExecuteScalar()!;
    }

    public void UpdateInode(Inode inode)
    {
        using var cmd = Command("UPDATE inodes SET mode=$m, uid=$u, gid=$g, nlink=$n, rdev=$r, size=$s, atime=$a, mtime=$mt, ctime=$c WHERE ino = $i");
        BindAttributes(cmd, inode);
        cmd.Parameters.AddWithValue("$i", (long)inode.Ino);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Writes only what a namespace operation changes: link count, ctime and, for a directory
    /// whose entries changed, mtime (null keeps the stored one). The values are the operation's
    /// planned ones, not the inode's: memory changes only after the commit.
    /// </summary>
    public void UpdateLinks(ulong ino, uint nlink, long ctimeNs, long? mtimeNs)
    {
        using var cmd = Command("UPDATE inodes SET nlink = $n, ctime = $c, mtime = coalesce($mt, mtime) WHERE ino = $i");
        cmd.Parameters.AddWithValue("$n", (long)nlink);
        cmd.Parameters.AddWithValue("$c", ctimeNs);
        cmd.Parameters.AddWithValue("$mt", mtimeNs is { } m ? m : DBNull.Value);
        cmd.Parameters.AddWithValue("$i", (long)ino);
        cmd.ExecuteNonQuery();
    }

    private static void BindAttributes(SqliteCommand cmd, Inode inode)
    {
        cmd.Parameters.AddWithValue("$m", (long)inode.Mode);
        cmd.Parameters.AddWithValue("$u", (long)inode.Uid);
        cmd.Parameters.AddWithValue("$g", (long)inode.Gid);
        cmd.Parameters.AddWithValue("$n", (long)inode.Nlink);
        cmd.Parameters.AddWithValue("$r", (long)inode.Rdev);
        cmd.Parameters.AddWithValue("$s", inode.Size);
        cmd.Parameters.AddWithValue("$a", inode.AtimeNs);
        cmd.Parameters.AddWithValue("$mt", inode.MtimeNs);
        cmd.Parameters.AddWithValue("$c", inode.CtimeNs);
    }

    public void DeleteInode(ulong ino)
    {
        foreach (string table in new[] { "inodes", "xattrs", "extents" })
        {
            using var cmd = Command($"DELETE FROM {table} WHERE ino = $i");
            cmd.Parameters.AddWithValue("$i", (long)ino);
            cmd.ExecuteNonQuery();
        }
    }

    public void InsertDentry(ulong parent, string name, DirEntry entry)
    {
        using var cmd = Command("INSERT OR REPLACE INTO dentries(parent, name, ino, type) VALUES($p, $n, $i, $t)");
        cmd.Parameters.AddWithValue("$t", (long)entry.Type);
        ulong ino = entry.Ino;
        cmd.Parameters.AddWithValue("$p", (long)parent);
        cmd.Parameters.AddWithValue("$n", NameBytes(name));
        cmd.Parameters.AddWithValue("$i", (long)ino);
        cmd.ExecuteNonQuery();
    }

    public void DeleteDentry(ulong parent, string name)
    {
        using var cmd = Command("DELETE FROM dentries WHERE parent = $p AND name = $n");
        cmd.Parameters.AddWithValue("$p", (long)parent);
        cmd.Parameters.AddWithValue("$n", NameBytes(name));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Applies extent changes; tier <see cref="ExtentMap.NoTier"/> removes the row.</summary>
    public void ApplyExtentChanges(ulong ino, KeyValuePair<long, byte>[] changes)
    {
        if (changes.Length == 0)
            return;
        using var upsert = Command("INSERT OR REPLACE INTO extents(ino, idx, tier) VALUES($i, $x, $t)");
        var pi = upsert.Parameters.Add("$i", SqliteType.Integer);
        var px = upsert.Parameters.Add("$x", SqliteType.Integer);
        var pt = upsert.Parameters.Add("$t", SqliteType.Integer);
        using var delete = Command("DELETE FROM extents WHERE ino = $i AND idx = $x");
        var di = delete.Parameters.Add("$i", SqliteType.Integer);
        var dx = delete.Parameters.Add("$x", SqliteType.Integer);
        upsert.Prepare();
        delete.Prepare();
        foreach (var (index, tier) in changes)
        {
            if (tier == ExtentMap.NoTier)
            {
                di.Value = (long)ino;
                dx.Value = index;
                delete.ExecuteNonQuery();
            }
            else
            {
                pi.Value = (long)ino;
                px.Value = index;
                pt.Value = (long)tier;
                upsert.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Inodes with no links left: unlinked while open when the daemon stopped.</summary>
    public List<ulong> FindOrphans()
    {
        var orphans = new List<ulong>();
        using var cmd = Command("SELECT ino FROM inodes WHERE nlink = 0 AND ino <> 1");
        using var r = cmd.ExecuteReader();
        while (r.Read())
            orphans.Add((ulong)r.GetInt64(0));
        return orphans;
    }

    /// <summary>Up to <paramref name="count"/> extents on tier <paramref name="tierId"/> after (ino, index), in key order.</summary>
    public List<(ulong Ino, long Index)> SampleExtents(byte tierId, ulong afterIno, long afterIndex, int count)
    {
        var result = new List<(ulong, long)>(count);
        using var cmd = Command("SELECT ino, idx FROM extents WHERE tier = $t AND (ino, idx) > ($i, $x) ORDER BY ino, idx LIMIT $n");
        cmd.Parameters.AddWithValue("$t", (long)tierId);
        cmd.Parameters.AddWithValue("$i", (long)afterIno);
        cmd.Parameters.AddWithValue("$x", afterIndex);
        cmd.Parameters.AddWithValue("$n", count);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result.Add(((ulong)r.GetInt64(0), r.GetInt64(1)));
        return result;
    }

    /// <summary>The tier id of a committed extent, or null.</summary>
    public byte? TierOfCommittedExtent(ulong ino, long index)
    {
        using var cmd = Command("SELECT tier FROM extents WHERE ino = $i AND idx = $x");
        cmd.Parameters.AddWithValue("$i", (long)ino);
        cmd.Parameters.AddWithValue("$x", index);
        return cmd.ExecuteScalar() is long tier ? (byte)tier : null;
    }
}
