using Microsoft.Data.Sqlite;

namespace TieredFs.Tiering.Metadata;

/// <summary>
/// Recognises "the filesystem under the metadata store is out of space" among the exceptions a
/// store operation throws. That is an expected condition on a full volume: the caller answers
/// ENOSPC, never EIO, and logs no stack trace for it.
/// </summary>
public static class StorageFull
{
    private const int SqliteFull = 13;

    // SQLITE_IOERR_SHMSIZE: SQLite writes one byte per page of the WAL index (-shm) when it
    // (re)creates it after a restart; on a full filesystem that write fails with this code.
    private const int SqliteIoErrShmSize = 10 | (19 << 8);

    private const int ENOSPC = 28;

    public static bool Caused(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteFull
            || (s.SqliteExtendedErrorCode & 0xFF) == SqliteFull
            || s.SqliteExtendedErrorCode == SqliteIoErrShmSize,
        // .NET puts errno in HResult for IOExceptions it raises from Unix errors.
        IOException io => io.HResult == ENOSPC,
        _ => false,
    };
}
