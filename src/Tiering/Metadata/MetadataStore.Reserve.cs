using Microsoft.Data.Sqlite;
using Serilog;

namespace TieredFs.Tiering.Metadata;

// The store's side of the space reserve (SpaceReserve): which transactions may use it, which must
// wait for it, and how the WAL is kept within the space it has once the filesystem is full.
public sealed partial class MetadataStore
{
    private const int PageBytes = 4096; // SQLite's default page size, which the store keeps

    // While the reserve is released SQLite checkpoints every few frames: a fully checkpointed WAL
    // restarts at its beginning and reuses the blocks it has instead of growing.
    private const int CheckpointFramesWhileReleased = 16;

    // On release the WAL is grown to this many frames at once, so the freed space becomes the
    // WAL's before anything else on the filesystem (data, other programs) can take it. Room for
    // CheckpointFramesWhileReleased plus a removal of up to ~48 pages, far more than one touches.
    private const int WalFramesWhileReleased = 64;

    private static readonly ILogger s_log = Log.ForContext<MetadataStore>();

    /// <summary>False while the reserve is released: the metadata filesystem was found full.</summary>
    public bool ReserveHeld => _reserve.IsHeld;

    // A checkpoint copies new pages into the database file, which grows: keep that backlog within
    // half the reserve, so a checkpoint after the filesystem filled up still fits.
    private long CheckpointFramesWhileHeld => Math.Clamp(_reserve.Bytes / 2 / PageBytes, 64, 1000);

    /// <summary>
    /// A transaction that must not fail for want of space (a removal, or the commit of data already
    /// written): when the metadata filesystem is full, the reserve is released and the transaction
    /// tried once more. <paramref name="body"/> may therefore run twice; it must only write rows.
    /// </summary>
    public void TransactionUsingReserve(Action<MetadataStore> body, bool durable = false)
    {
        lock (Gate)
        {
            try
            {
                Transaction(body, durable);
                return;
            }
            catch (Exception e) when (StorageFull.Caused(e))
            {
                if (!_reserve.Release())
                    throw;
            }
            try
            {
                Transaction(body, durable);
            }
            finally
            {
                UseReleasedSpaceForTheWal();
            }
        }
    }

    /// <summary>
    /// Whether an operation that only adds to the store (a new name) may go ahead: the reserve is
    /// held, or the filesystem has room to hold it again. New names must not use up the space the
    /// reserve gave to removals.
    /// </summary>
    public bool CanGrow() => _reserve.IsHeld || TryRestoreReserve();

    /// <summary>Takes the reserve again if space has come back; true when it is held.</summary>
    public bool TryRestoreReserve()
    {
        if (_reserve.IsHeld)
            return true;
        lock (Gate)
        {
            if (!_reserve.TryRestore())
                return false;
            Exec($"PRAGMA wal_autocheckpoint={CheckpointFramesWhileHeld}");
            return true;
        }
    }

    /// <summary>At open: checkpoint as the reserve's state asks (it may have been released to let SQLite start).</summary>
    private void MatchCheckpointsToReserve()
    {
        if (_reserve.IsHeld)
            Exec($"PRAGMA wal_autocheckpoint={CheckpointFramesWhileHeld}");
        else
            UseReleasedSpaceForTheWal();
    }

    /// <summary>
    /// Grows the WAL by <see cref="WalFramesWhileReleased"/> frames with commits that change
    /// nothing, then checkpoints so the next transaction starts again at the WAL's beginning; from
    /// then on removals cycle through blocks the WAL already owns. Whatever does not fit is simply
    /// not taken: this only claims space, it never needs it.
    /// </summary>
    private void UseReleasedSpaceForTheWal()
    {
        // Runs after a removal committed: it must not throw, or the caller would take a committed
        // removal for a failed one and memory would part from the store. A removal that failed
        // even so still leaves the WAL checkpointing as the released state needs.
        try
        {
            Exec("PRAGMA wal_autocheckpoint=0");
            try
            {
                for (int i = 0; i < WalFramesWhileReleased; i++)
                    Exec("BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE key = 'schema_version'; COMMIT;");
                Exec("PRAGMA wal_checkpoint(PASSIVE)");
            }
            finally
            {
                Rollback();
                Exec($"PRAGMA wal_autocheckpoint={CheckpointFramesWhileReleased}");
            }
        }
        catch (Exception e) when (e is SqliteException or IOException)
        {
            // Claimed what there was; the removals that follow may still find enough.
            s_log.Debug("Growing the WAL into the released reserve stopped early: {Reason}", e.Message);
        }
    }
}
