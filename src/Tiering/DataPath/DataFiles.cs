using Microsoft.Win32.SafeHandles;

namespace TieredFs.Tiering.DataPath;

/// <summary>
/// The open backing files of one inode, one per tier, opened on first use. Handles stay open
/// while the inode is in use and are closed together.
/// </summary>
public sealed class DataFiles : IDisposable
{
    private readonly SafeFileHandle?[] _handles;
    private readonly bool[] _createdSinceSync;
    private readonly object _gate = new();

    public DataFiles(int tierCount)
    {
        _handles = new SafeFileHandle?[tierCount];
        _createdSinceSync = new bool[tierCount];
    }

    /// <summary>True once per data file created since the last fsync: its directory entry needs syncing.</summary>
    public bool TakeCreatedSinceSync(Tier tier)
    {
        lock (_gate)
        {
            bool created = _createdSinceSync[tier.Rank];
            _createdSinceSync[tier.Rank] = false;
            return created;
        }
    }

    /// <summary>The handle for <paramref name="tier"/>, created (with its shard directory) if needed.</summary>
    public SafeFileHandle Get(Tier tier, ulong ino, bool create)
    {
        var handle = Volatile.Read(ref _handles[tier.Rank]);
        if (handle is not null)
            return handle;
        return Open(tier, ino, create);
    }

    private SafeFileHandle Open(Tier tier, ulong ino, bool create)
    {
        lock (_gate)
        {
            var handle = _handles[tier.Rank];
            if (handle is not null)
                return handle;
            string path = tier.DataFilePath(ino);
            if (create)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                if (!File.Exists(path))
                    _createdSinceSync[tier.Rank] = true;
            }
            handle = File.OpenHandle(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            Volatile.Write(ref _handles[tier.Rank], handle);
            return handle;
        }
    }

    /// <summary>The handle if the data file exists on that tier, else null.</summary>
    public SafeFileHandle? TryGetExisting(Tier tier, ulong ino)
    {
        var handle = Volatile.Read(ref _handles[tier.Rank]);
        if (handle is not null)
            return handle;
        if (!File.Exists(tier.DataFilePath(ino)))
            return null;
        return Open(tier, ino, create: false);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            for (int i = 0; i < _handles.Length; i++)
            {
                _handles[i]?.Dispose();
                _handles[i] = null;
            }
        }
    }
}
