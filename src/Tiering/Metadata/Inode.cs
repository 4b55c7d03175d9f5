namespace TieredFs.Tiering.Metadata;

/// <summary>
/// The in-memory state of one inode. Namespace fields change under the volume's namespace lock;
/// size, times and the extent map change under <see cref="MapLock"/>; <see cref="DataLock"/> is
/// held shared by reads and writes and exclusively by operations that remove data (truncate,
/// punch hole, migration), so a write can never land in a range that is being discarded.
/// </summary>
public sealed class Inode
{
    public Inode(ulong ino) => Ino = ino;

    public ulong Ino { get; internal set; }
    public uint Mode;
    public uint Uid;
    public uint Gid;
    public uint Nlink;
    public uint Rdev;
    public long Size;
    public long AtimeNs;
    public long MtimeNs;
    public long CtimeNs;
    public byte[]? SymlinkTarget;

    /// <summary>Extent index → tier id. Only regular files have extents.</summary>
    public readonly ExtentMap Extents = new();

    /// <summary>Children of a directory (name as Latin-1 string → ino), loaded on first use.</summary>
    public Dictionary<string, DirEntry>? Children;

    /// <summary>Backing data files per tier, opened on first use.</summary>
    public DataPath.DataFiles? Files;

    /// <summary>The parent of a directory ("..").</summary>
    public ulong Parent;

    public int OpenCount;

    /// <summary>Set when size/times/extents differ from the store; cleared by a metadata flush.</summary>
    public bool AttributesDirty;

    /// <summary>Unlinked and closed: its rows and data are gone; the object lingers until FORGET.</summary>
    public bool Deleted;

    public readonly object MapLock = new();
    public readonly ReaderWriterLockSlim DataLock = new(LockRecursionPolicy.NoRecursion);

    public bool IsDirectory => ModeBits.IsDirectory(Mode);

    /// <summary>Size, times or extents changed in memory and not yet committed.</summary>
    public bool HasUncommittedChanges => AttributesDirty || Extents.HasPendingChanges;

    public bool IsRegular => ModeBits.IsRegular(Mode);
}

/// <summary>A directory entry as kept in memory: the child and its DT_* type.</summary>
public readonly record struct DirEntry(ulong Ino, uint Type);
