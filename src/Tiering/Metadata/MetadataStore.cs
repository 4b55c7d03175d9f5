using System.Text;
using Microsoft.Data.Sqlite;

namespace TieredFs.Tiering.Metadata;

/// <summary>
/// Namespace and extent map in SQLite (WAL). One connection; every caller holds <see cref="Gate"/>
/// for the whole of a transaction. Ordinary commits use synchronous=NORMAL (atomic, and they
/// survive a killed daemon because the WAL is in the page cache); <see cref="CommitDurable"/>
/// makes everything so far survive power loss too, and is what fsync uses.
/// Transactions are plain BEGIN/COMMIT/ROLLBACK statements rather than SqliteTransaction: after
/// a failed COMMIT (a full disk) SQLite may already have rolled back, and SqliteTransaction then
/// stays attached to the connection and refuses every later transaction.
/// </summary>
public sealed partial class MetadataStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly FileStream _lock;
    private readonly SpaceReserve _reserve;

    public object Gate { get; } = new();

    public string Path { get; }

    private MetadataStore(string directory, SqliteConnection db, FileStream lockFile, SpaceReserve reserve)
    {
        Path = System.IO.Path.Combine(directory, "tieredfs.db");
        _db = db;
        _lock = lockFile;
        _reserve = reserve;
    }

    /// <summary>
    /// Opens (creating if new) the store in <paramref name="directory"/>. Fails if another daemon
    /// holds it, or if it was created with another extent size.
    /// </summary>
    public static MetadataStore Open(string directory, long extentSize)
    {
        Directory.CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            // .NET takes an exclusive flock for FileShare.None: a second daemon on the same volume fails here.
            lockFile = new FileStream(System.IO.Path.Combine(directory, "tieredfs.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new VolumeOpenException($"metadata in {directory} is in use by another tieredfs daemon ({e.Message})");
        }

        // Before SQLite opens: on a full filesystem this frees the room SQLite needs to start at all.
        var reserve = SpaceReserve.Open(directory);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.Combine(directory, "tieredfs.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            db.Open();
            var store = new MetadataStore(directory, db, lockFile, reserve);
            store.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;");
            store.Initialize(extentSize);
            store.MatchCheckpointsToReserve();
            return store;
        }
        catch
        {
            db.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    private void Initialize(long extentSize)
    {
        lock (Gate)
        {
            Begin();
            Exec(Schema.Create);
            string? version = GetMeta("schema_version");
            if (version is null)
            {
                SetMeta("schema_version", Schema.Version.ToString());
                SetMeta("extent_size", extentSize.ToString());
                long now = Clock.NowNs();
                Exec($"INSERT INTO inodes(ino, mode, uid, gid, nlink, rdev, size, atime, mtime, ctime) VALUES(1, {ModeBits.Directory | 0x1ED}, 0, 0, 2, 0, 0, {now}, {now}, {now})");
            }
            else if (version != Schema.Version.ToString())
            {
                Rollback();
                throw new VolumeOpenException($"metadata schema version {version} is not supported (this build reads {Schema.Version})");
            }
            else
            {
                long stored = long.Parse(GetMeta("extent_size")!);
                if (stored != extentSize)
                {
                    Rollback();
                    throw new VolumeOpenException($"volume.extent_size is {extentSize} but this volume was created with {stored}; the extent size of an existing volume cannot change");
                }
            }
            Commit();
        }
    }

    public void Begin() => Exec("BEGIN IMMEDIATE");

    /// <summary>
    /// Runs <paramref name="body"/> as one transaction under <see cref="Gate"/>: committed if it
    /// returns (durably with <paramref name="durable"/>), rolled back (and the exception rethrown)
    /// if it or the commit throws.
    /// </summary>
    public void Transaction(Action<MetadataStore> body, bool durable = false)
    {
        lock (Gate)
        {
            Begin();
            try
            {
                body(this);
                if (durable)
                    CommitDurable();
                else
                    Commit();
            }
            catch
            {
                Rollback();
                throw;
            }
        }
    }

    public void Commit() => Exec("COMMIT");

    /// <summary>Commits with a WAL fsync: this and every earlier commit survive power loss.</summary>
    public void CommitDurable()
    {
        Commit();
        // With synchronous=NORMAL a commit does not fsync the WAL; one more (no-op) commit under
        // synchronous=FULL does, and that covers every frame before it.
        Exec("PRAGMA synchronous=FULL");
        try
        {
            Begin();
            Exec("UPDATE meta SET value = value WHERE key = 'schema_version'");
            Commit();
        }
        catch
        {
            Rollback();
            throw;
        }
        finally
        {
            Exec("PRAGMA synchronous=NORMAL");
        }
    }

    /// <summary>
    /// Ends the open transaction, if any. After a failed statement or COMMIT SQLite may have
    /// rolled back by itself; asking again would fail, so only a transaction still open is
    /// rolled back.
    /// </summary>
    public void Rollback()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(_db.Handle) == 0)
            Exec("ROLLBACK");
    }

    internal void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private string? GetMeta(string key)
    {
        using var cmd = Command("SELECT value FROM meta WHERE key = $k");
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value)
    {
        using var cmd = Command("INSERT OR REPLACE INTO meta(key, value) VALUES($k, $v)");
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Maps configured tier names to stable ids, adding new tiers. A tier that holds extents but
    /// is missing from the configuration is an error: its data would become unreachable.
    /// </summary>
    public byte[] ResolveTiers(IReadOnlyList<string> names)
    {
        lock (Gate)
        {
            Begin();
            var known = new Dictionary<string, byte>();
            using (var cmd = Command("SELECT id, name FROM tiers"))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                    known[r.GetString(1)] = (byte)r.GetInt64(0);
            }
            foreach (var (name, id) in known)
            {
                if (names.Contains(name))
                    continue;
                using var count = Command("SELECT count(*) FROM extents WHERE tier = $t");
                count.Parameters.AddWithValue("$t", (long)id);
                long n = (long)count.ExecuteScalar()!;
                if (n > 0)
                {
                    Rollback();
                    throw new VolumeOpenException($"tier \"{name}\" holds {n} extents of this volume but is not in the configuration; add it back (tiers are matched by name)");
                }
            }
            var ids = new byte[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                if (!known.TryGetValue(names[i], out byte id))
                {
                    id = (byte)Enumerable.Range(0, 255).First(candidate => !known.ContainsValue((byte)candidate));
                    using var insert = Command("INSERT INTO tiers(id, name) VALUES($i, $n)");
                    insert.Parameters.AddWithValue("$i", (long)id);
                    insert.Parameters.AddWithValue("$n", names[i]);
                    insert.ExecuteNonQuery();
                    known[names[i]] = id;
                }
                ids[i] = id;
            }
            Commit();
            return ids;
        }
    }

    /// <summary>Extents per tier id, to seed capacity accounting at startup.</summary>
    public Dictionary<byte, long> CountExtentsByTier()
    {
        lock (Gate)
        {
            var result = new Dictionary<byte, long>();
            using var cmd = Command("SELECT tier, count(*) FROM extents GROUP BY tier");
            using var r = cmd.ExecuteReader();
            while (r.Read())
                result[(byte)r.GetInt64(0)] = r.GetInt64(1);
            return result;
        }
    }

    /// <summary>Inodes in the store: files, directories, symlinks, special files (hard links count once).</summary>
    public long CountInodes()
    {
        lock (Gate)
        {
            using var cmd = Command("SELECT count(*) FROM inodes");
            return (long)cmd.ExecuteScalar()!;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            Rollback();
            try
            {
                Exec("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException)
            {
                // A checkpoint is an optimisation; the WAL is replayed on next open anyway.
            }
            _db.Dispose();
            _lock.Dispose();
        }
    }

    internal static string NameKey(ReadOnlySpan<byte> name) => Encoding.Latin1.GetString(name);

    internal static byte[] NameBytes(string key) => Encoding.Latin1.GetBytes(key);
}

public sealed class VolumeOpenException(string message) : Exception(message);
