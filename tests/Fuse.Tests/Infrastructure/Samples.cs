using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>
/// Distinctive reply values (every field different) and their wire bytes written field by field,
/// so a swapped or misplaced field in an ABI struct changes the reply bytes.
/// </summary>
internal static class Samples
{
    public static FuseAttr Attr(ulong ino) => new()
    {
        Ino = ino, Size = 0x1122, Blocks = 3, Atime = 1_700_000_001, Mtime = 1_700_000_002, Ctime = 1_700_000_003,
        AtimeNsec = 11, MtimeNsec = 12, CtimeNsec = 13, Mode = 0x81A4 /* S_IFREG|0644 */, Nlink = 2,
        Uid = 1000, Gid = 100, Rdev = 7, BlkSize = 4096, Flags = 0,
    };

    public static Le AttrBytes(ulong ino) => new Le()
        .U64(ino)            // ino
        .U64(0x1122)         // size
        .U64(3)              // blocks
        .U64(1_700_000_001)  // atime
        .U64(1_700_000_002)  // mtime
        .U64(1_700_000_003)  // ctime
        .U32(11)             // atimensec
        .U32(12)             // mtimensec
        .U32(13)             // ctimensec
        .U32(0x81A4)         // mode
        .U32(2)              // nlink
        .U32(1000)           // uid
        .U32(100)            // gid
        .U32(7)              // rdev
        .U32(4096)           // blksize
        .U32(0);             // flags

    public static EntryOut Entry(ulong nodeId) => new()
    {
        NodeId = nodeId, Generation = 5, EntryValid = 6, AttrValid = 7, EntryValidNsec = 8, AttrValidNsec = 9,
        Attr = Attr(nodeId),
    };

    public static Le EntryBytes(ulong nodeId) => new Le()
        .U64(nodeId) // nodeid
        .U64(5)      // generation
        .U64(6)      // entry_valid
        .U64(7)      // attr_valid
        .U32(8)      // entry_valid_nsec
        .U32(9)      // attr_valid_nsec
        .Raw(AttrBytes(nodeId).ToArray());

    public static AttrOut AttrOut(ulong ino) => new() { AttrValid = 21, AttrValidNsec = 22, Attr = Attr(ino) };

    public static Le AttrOutBytes(ulong ino) => new Le()
        .U64(21) // attr_valid
        .U32(22) // attr_valid_nsec
        .U32(0)  // dummy
        .Raw(AttrBytes(ino).ToArray());

    public static OpenOut Open(ulong fh) => new() { Fh = fh, OpenFlags = (uint)OpenReplyFlags.KeepCache, BackingId = 0 };

    public static Le OpenBytes(ulong fh) => new Le()
        .U64(fh) // fh
        .U32(2)  // open_flags = FOPEN_KEEP_CACHE
        .U32(0); // backing_id

    public static KStatFs StatFs() => new()
    {
        Blocks = 1000, BlocksFree = 900, BlocksAvailable = 800, Files = 700, FilesFree = 600,
        BlockSize = 4096, NameLength = 255, FragmentSize = 512,
    };

    public static Le StatFsBytes() => new Le()
        .U64(1000) // blocks
        .U64(900)  // bfree
        .U64(800)  // bavail
        .U64(700)  // files
        .U64(600)  // ffree
        .U32(4096) // bsize
        .U32(255)  // namelen
        .U32(512)  // frsize
        .U32(0)    // padding
        .Zeros(24); // spare[6]
}
