using TieredFs.Fuse.Protocol;

namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>Builds raw request frames (fuse_in_header + arguments) as the kernel writes them.</summary>
internal static class Frames
{
    public const uint Uid = 1000;
    public const uint Gid = 100;
    public const uint Pid = 4242;
    public const int InHeaderSize = 40;

    /// <param name="lengthOverride">Lie in the header's len field (malformed-frame tests).</param>
    public static byte[] Request(Opcode op, ulong unique, ulong nodeId, Le? args = null, uint? lengthOverride = null, ushort totalExtLength = 0)
        => Request((uint)op, unique, nodeId, args, lengthOverride, totalExtLength);

    public static byte[] Request(uint opcode, ulong unique, ulong nodeId, Le? args = null, uint? lengthOverride = null, ushort totalExtLength = 0)
    {
        byte[] body = args?.ToArray() ?? [];
        return new Le()
            .U32(lengthOverride ?? (uint)(InHeaderSize + body.Length)) // len: the whole frame, header included
            .U32(opcode)                                               // opcode
            .U64(unique)                                               // unique
            .U64(nodeId)                                               // nodeid
            .U32(Uid)                                                  // uid
            .U32(Gid)                                                  // gid
            .U32(Pid)                                                  // pid
            .U16(totalExtLength)                                       // total_extlen (8-byte units)
            .U16(0)                                                    // padding
            .Raw(body)
            .ToArray();
    }

    /// <summary>The 64-byte fuse_init_in of a 7.36+ kernel.</summary>
    public static byte[] Init(ulong unique, uint major, uint minor, uint maxReadahead, uint flags)
        => Request(Opcode.Init, unique, 0, new Le()
            .U32(major)        // major
            .U32(minor)        // minor
            .U32(maxReadahead) // max_readahead
            .U32(flags)        // flags
            .U32(0)            // flags2
            .Zeros(44));       // unused[11]

    /// <summary>fuse_read_in (40 bytes); READ, READDIR and READDIRPLUS share it.</summary>
    public static Le ReadIn(ulong fh, ulong offset, uint size)
        => new Le()
            .U64(fh)      // fh
            .U64(offset)  // offset
            .U32(size)    // size
            .U32(0)       // read_flags
            .U64(0)       // lock_owner
            .U32(0)       // flags
            .U32(0);      // padding
}
