namespace TieredFs.Tiering.Metadata;

/// <summary>The store's tables. Bump <see cref="Version"/> and add a migration when this changes.</summary>
internal static class Schema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS tiers(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS inodes(
            ino INTEGER PRIMARY KEY AUTOINCREMENT,
            mode INTEGER NOT NULL, uid INTEGER NOT NULL, gid INTEGER NOT NULL,
            nlink INTEGER NOT NULL, rdev INTEGER NOT NULL, size INTEGER NOT NULL,
            atime INTEGER NOT NULL, mtime INTEGER NOT NULL, ctime INTEGER NOT NULL,
            target BLOB);
        CREATE TABLE IF NOT EXISTS dentries(
            parent INTEGER NOT NULL, name BLOB NOT NULL, ino INTEGER NOT NULL, type INTEGER NOT NULL,
            PRIMARY KEY(parent, name)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS dentries_by_ino ON dentries(ino);
        CREATE TABLE IF NOT EXISTS xattrs(
            ino INTEGER NOT NULL, name BLOB NOT NULL, value BLOB NOT NULL,
            PRIMARY KEY(ino, name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS extents(
            ino INTEGER NOT NULL, idx INTEGER NOT NULL, tier INTEGER NOT NULL,
            PRIMARY KEY(ino, idx)) WITHOUT ROWID;
        """;
}
