namespace TieredFs.Tiering.Volume;

/// <summary>A snapshot of an inode's attributes, as stat(2) reports them.</summary>
public readonly record struct NodeAttributes(
    ulong Ino,
    long Size,
    long Blocks,
    long AtimeNs,
    long MtimeNs,
    long CtimeNs,
    uint Mode,
    uint Nlink,
    uint Uid,
    uint Gid,
    uint Rdev);

/// <summary>Which attributes a setattr changes (mirrors FATTR_* without depending on FUSE).</summary>
[Flags]
public enum AttributeChanges : uint
{
    None = 0,
    Mode = 1 << 0,
    Uid = 1 << 1,
    Gid = 1 << 2,
    Size = 1 << 3,
    Atime = 1 << 4,
    Mtime = 1 << 5,
    AtimeNow = 1 << 7,
    MtimeNow = 1 << 8,
    Ctime = 1 << 10,
}

/// <summary>The requested new values of a setattr; only those named in Changes are read.</summary>
public readonly record struct AttributeUpdate(
    AttributeChanges Changes,
    uint Mode,
    uint Uid,
    uint Gid,
    long Size,
    long AtimeNs,
    long MtimeNs,
    long CtimeNs);

/// <summary>One entry of a directory listing.</summary>
public readonly record struct ListedEntry(byte[] Name, ulong Ino, uint Type);

/// <summary>Who is asking (from the request): used for ownership of new nodes.</summary>
public readonly record struct Caller(uint Uid, uint Gid);

/// <summary>Statistics of the volume for statfs(2).</summary>
public readonly record struct VolumeSpace(long BlockSize, long TotalBlocks, long FreeBlocks, long AvailableBlocks, long Files, long FreeFiles);
