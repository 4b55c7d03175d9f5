using Serilog;
using TieredFs.Tiering.DataPath;

namespace TieredFs.Tiering.Metadata;

/// <summary>
/// Space held back for the metadata store on its own filesystem: a preallocated file next to the
/// database. SQLite needs new blocks even to delete (WAL frames, and after a restart the WAL and
/// its shared-memory index from scratch), so on a filesystem that data has filled, nothing could
/// ever be deleted again without it. The store gives the space back (<see cref="Release"/>) when a
/// removal, or the commit of data already written, finds the filesystem full; while it is
/// released, operations that only add names are refused, so what the removals need is not eaten
/// by new files; it is taken again (<see cref="TryRestore"/>) once the filesystem has room for it
/// twice over.
/// </summary>
internal sealed class SpaceReserve
{
    public const string FileName = "tieredfs.reserve";

    // Enough for the WAL index (32 KiB) plus hundreds of WAL frames: a removal touches a handful of
    // pages, and while released the store checkpoints often so the WAL reuses its frames. A
    // sixteenth of the filesystem at most, so a tiny metadata filesystem stays usable.
    private const long MaxBytes = 4L << 20;
    private const long MinBytes = 256L << 10;
    private const int EOPNOTSUPP = 95;

    private static readonly ILogger s_log = Log.ForContext<SpaceReserve>();

    private readonly object _gate = new();
    private readonly string _directory;
    private readonly string _path;
    private volatile bool _held;

    private SpaceReserve(string directory, long bytes)
    {
        _directory = directory;
        _path = Path.Combine(directory, FileName);
        Bytes = bytes;
    }

    public long Bytes { get; }

    /// <summary>The space is set aside; false while removals may be using it.</summary>
    public bool IsHeld => _held;

    /// <summary>
    /// Takes the reserve in <paramref name="directory"/> before the database is opened. A
    /// filesystem already too full to hold it opens with the reserve released, so SQLite can
    /// create its WAL and index files and the first removals can commit.
    /// </summary>
    public static SpaceReserve Open(string directory)
    {
        var (total, available) = Posix.SpaceOf(directory);
        var reserve = new SpaceReserve(directory, Math.Clamp(total / 16, MinBytes, MaxBytes));
        var existing = new FileInfo(reserve._path);
        if (existing.Exists && existing.Length == reserve.Bytes)
        {
            reserve._held = true;
            if (IsKnown(total) && available < reserve.Bytes)
                reserve.Release();
            return reserve;
        }
        // A reserve of another size (the filesystem was resized) or cut short by a crash: start over.
        if (existing.Exists)
            reserve.TryDelete();
        if (!reserve.TryRestore())
        {
            s_log.Warning("The metadata filesystem at {Directory} has {Available} bytes free, too little to set aside {Reserve} bytes for deletes; new files get ENOSPC until space is freed",
                directory, available, reserve.Bytes);
        }
        return reserve;
    }

    /// <summary>Frees the reserved space; false if it was free already (nothing more to give).</summary>
    public bool Release()
    {
        lock (_gate)
        {
            if (!_held)
                return false;
            try
            {
                File.Delete(_path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                s_log.Warning("Could not release the metadata reserve {Path}: {Reason}", _path, e.Message);
                return false;
            }
            _held = false;
            s_log.Warning("The metadata filesystem at {Directory} is full: released the {Reserve}-byte reserve so deletes can proceed; new files get ENOSPC until space is freed",
                _directory, Bytes);
            return true;
        }
    }

    /// <summary>Sets the space aside again if the filesystem has room for it twice over; true when held.</summary>
    public bool TryRestore()
    {
        if (_held)
            return true;
        lock (_gate)
        {
            if (_held)
                return true;
            var (total, available) = Posix.SpaceOf(_directory);
            if ((IsKnown(total) && available < 2 * Bytes) || !TryAllocate())
                return false;
            _held = true;
            s_log.Information("The metadata filesystem at {Directory} has room again; {Reserve} bytes set aside for deletes", _directory, Bytes);
            return true;
        }
    }

    /// <summary>statvfs failed (reported as size 0): decide by trying, not by the numbers.</summary>
    private static bool IsKnown(long total) => total > 0;

    private bool TryAllocate()
    {
        try
        {
            using (var handle = File.OpenHandle(_path, FileMode.Create, FileAccess.Write))
            {
                int rc = Posix.Allocate(handle, 0, 0, Bytes);
                if (rc == EOPNOTSUPP)
                    rc = WriteZeros(handle);
                if (rc == 0)
                    return true;
            }
            File.Delete(_path);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Someone else took the space between the check and the allocation: try again later.
            s_log.Debug("Could not set aside the metadata reserve {Path}: {Reason}", _path, e.Message);
            TryDelete();
            return false;
        }
    }

    /// <summary>For a filesystem without fallocate: real blocks, written out.</summary>
    private int WriteZeros(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var zeros = new byte[64 << 10];
        for (long offset = 0; offset < Bytes; offset += zeros.Length)
        {
            int rc = PosixIo.WriteFully(handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, Bytes - offset)), offset);
            if (rc != 0)
                return rc;
        }
        return 0;
    }

    private void TryDelete()
    {
        try
        {
            File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a leftover partial reserve; the next attempt recreates it.
        }
    }
}
