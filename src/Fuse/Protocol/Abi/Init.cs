using System.Runtime.InteropServices;

namespace TieredFs.Fuse.Protocol.Abi;

/// <summary>The first 16 bytes of struct fuse_init_in; newer kernels append flags2 and padding.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct InitIn
{
    public uint Major;
    public uint Minor;
    public uint MaxReadahead;
    public uint Flags;
}

/// <summary>struct fuse_init_out (64 bytes since 7.23).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct InitOut
{
    public uint Major;
    public uint Minor;
    public uint MaxReadahead;
    public uint Flags;
    public ushort MaxBackground;
    public ushort CongestionThreshold;
    public uint MaxWrite;
    public uint TimeGran;
    public ushort MaxPages;
    public ushort MapAlignment;
    public uint Flags2;
    public fixed uint Unused[7];
}

/// <summary>FUSE_* capability bits of fuse_init_in/out.flags.</summary>
[Flags]
public enum InitFlags : uint
{
    AsyncRead = 1u << 0,
    PosixLocks = 1u << 1,
    AtomicOTrunc = 1u << 3,
    ExportSupport = 1u << 4,
    BigWrites = 1u << 5,
    DontMask = 1u << 6,
    FlockLocks = 1u << 10,
    AutoInvalData = 1u << 12,
    DoReadDirPlus = 1u << 13,
    ReadDirPlusAuto = 1u << 14,
    AsyncDio = 1u << 15,
    WritebackCache = 1u << 16,
    NoOpenSupport = 1u << 17,
    ParallelDirOps = 1u << 18,
    HandleKillPriv = 1u << 19,
    PosixAcl = 1u << 20,
    MaxPages = 1u << 22,
    CacheSymlinks = 1u << 23,
    HandleKillPrivV2 = 1u << 28,
    SetXattrExt = 1u << 29,
    InitExt = 1u << 30,
}
