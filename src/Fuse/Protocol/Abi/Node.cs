using System.Runtime.InteropServices;

namespace TieredFs.Fuse.Protocol.Abi;

[StructLayout(LayoutKind.Sequential)]
public struct MkNodIn
{
    public uint Mode;
    public uint Rdev;
    public uint Umask;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct MkDirIn
{
    public uint Mode;
    public uint Umask;
}

[StructLayout(LayoutKind.Sequential)]
public struct RenameIn
{
    public ulong NewDir;
}

[StructLayout(LayoutKind.Sequential)]
public struct Rename2In
{
    public ulong NewDir;
    public uint Flags;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct LinkIn
{
    public ulong OldNodeId;
}

[StructLayout(LayoutKind.Sequential)]
public struct AccessIn
{
    public uint Mask;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct ForgetIn
{
    public ulong NLookup;
}

[StructLayout(LayoutKind.Sequential)]
public struct BatchForgetIn
{
    public uint Count;
    public uint Dummy;
}

[StructLayout(LayoutKind.Sequential)]
public struct ForgetOne
{
    public ulong NodeId;
    public ulong NLookup;
}

[StructLayout(LayoutKind.Sequential)]
public struct InterruptIn
{
    public ulong Unique;
}

/// <summary>struct fuse_kstatfs (80 bytes), the body of the STATFS reply.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KStatFs
{
    public ulong Blocks;
    public ulong BlocksFree;
    public ulong BlocksAvailable;
    public ulong Files;
    public ulong FilesFree;
    public uint BlockSize;
    public uint NameLength;
    public uint FragmentSize;
    public uint Padding;
    public fixed uint Spare[6];
}

/// <summary>The 8-byte fuse_setxattr_in used when FUSE_SETXATTR_EXT is not negotiated.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SetXattrIn
{
    public uint Size;
    public uint Flags;
}

[StructLayout(LayoutKind.Sequential)]
public struct GetXattrIn
{
    public uint Size;
    public uint Padding;
}

[StructLayout(LayoutKind.Sequential)]
public struct GetXattrOut
{
    public uint Size;
    public uint Padding;
}

/// <summary>The fixed part of struct fuse_dirent; the name follows, padded to 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DirentHeader
{
    public ulong Ino;
    public ulong Offset;
    public uint NameLength;
    public uint Type;
}
