using System.Runtime.InteropServices;

namespace TieredFs.Fuse.Protocol.Abi;

/// <summary>struct fuse_in_header: prefixes every request.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct InHeader
{
    public uint Length;
    public uint Opcode;
    public ulong Unique;
    public ulong NodeId;
    public uint Uid;
    public uint Gid;
    public uint Pid;
    public ushort TotalExtLength;
    public ushort Padding;
}

/// <summary>struct fuse_out_header: prefixes every reply. Error is a negated errno.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct OutHeader
{
    public uint Length;
    public int Error;
    public ulong Unique;
}
