namespace TieredFs.Tiering.Metadata;

/// <summary>st_mode type bits (S_IF*) and helpers.</summary>
public static class ModeBits
{
    public const uint TypeMask = 0xF000;
    public const uint Fifo = 0x1000;
    public const uint CharDevice = 0x2000;
    public const uint Directory = 0x4000;
    public const uint BlockDevice = 0x6000;
    public const uint Regular = 0x8000;
    public const uint Symlink = 0xA000;
    public const uint Socket = 0xC000;
    public const uint SetUid = 0x800;
    public const uint SetGid = 0x400;
    public const uint PermissionMask = 0xFFF;

    public static bool IsDirectory(uint mode) => (mode & TypeMask) == Directory;

    public static bool IsRegular(uint mode) => (mode & TypeMask) == Regular;

    public static bool IsSymlink(uint mode) => (mode & TypeMask) == Symlink;

    /// <summary>The DT_* value readdir reports for a mode.</summary>
    public static uint DirentType(uint mode) => (mode & TypeMask) >> 12;
}
