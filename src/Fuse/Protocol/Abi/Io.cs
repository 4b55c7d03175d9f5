using System.Runtime.InteropServices;

namespace TieredFs.Fuse.Protocol.Abi;

[StructLayout(LayoutKind.Sequential)]
public struct OpenIn
{
    public uint Flags;
    public uint OpenFlags;
}

[StructLayout(LayoutKind.Sequential)]
public struct CreateIn
{
    public uint Flags;
    public uint Mode;
    public uint Umask;
    public uint OpenFlags;
}

[StructLayout(LayoutKind.Sequential)]
public struct OpenOut
{
    public ulong Fh;
    public uint OpenFlags;
    public uint BackingId;
}

/// <summary>FOPEN_* bits of fuse_open_out.open_flags.</summary>
[Flags]
public enum OpenReplyFlags : uint
{
    None = 0,
    DirectIo = 1 << 0,
    KeepCache = 1 << 1,
    NonSeekable = 1 << 2,
    CacheDir = 1 << 3,
    Stream = 1 << 4,
    NoFlush = 1 << 5,
    ParallelDirectWrites = 1 << 6,
}

[StructLayout(LayoutKind.Sequential)]
public struct ReleaseIn
{
    public ulong Fh;
    public uint Flags;
    public uint ReleaseFlags;
    public ulong LockOwner;
}

[StructLayout(LayoutKind.Sequential)]
public struct FlushIn
{
    public ulong Fh;
    public uint Unused;
    public uint Padding;
    public ulong LockOwner;
}

[StructLayout(LayoutKind.Sequential)]
public struct ReadIn
{
    public ulong Fh;
    public ulong Offset;
    public uint Size;
    public uint ReadFlags;
    public ulong LockOwner;
    public uint Flags;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct WriteIn
{
    public ulong Fh;
    public ulong Offset;
    public uint Size;
    public uint WriteFlags;
    public ulong LockOwner;
    public uint Flags;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct WriteOut
{
    public uint Size;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct FsyncIn
{
    public ulong Fh;
    public uint FsyncFlags;
    public uint Padding;

    /// <summary>FUSE_FSYNC_FDATASYNC.</summary>
    public const uint DataSync = 1;
}

[StructLayout(LayoutKind.Sequential)]
public struct FallocateIn
{
    public ulong Fh;
    public ulong Offset;
    public ulong Length;
    public uint Mode;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct LseekIn
{
    public ulong Fh;
    public ulong Offset;
    public uint Whence;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct LseekOut
{
    public ulong Offset;
}

[StructLayout(LayoutKind.Sequential)]
public struct CopyFileRangeIn
{
    public ulong FhIn;
    public ulong OffIn;
    public ulong NodeIdOut;
    public ulong FhOut;
    public ulong OffOut;
    public ulong Length;
    public ulong Flags;
}
