using TieredFs.Fuse.Protocol.Abi;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Bridge;

/// <summary>Volume attributes ↔ FUSE ABI structs.</summary>
internal static class AttributeConversion
{
    /// <summary>
    /// How long the kernel may cache entries and attributes. Every change goes through this
    /// daemon, so the kernel's cache is only stale for changes it did not see — none, today.
    /// One second keeps a future out-of-band change (migration tools, repair) visible soon.
    /// </summary>
    public const ulong ValiditySeconds = 1;

    public static FuseAttr ToFuse(in NodeAttributes a, uint blockSize)
    {
        return new FuseAttr
        {
            Ino = a.Ino,
            Size = (ulong)a.Size,
            Blocks = (ulong)a.Blocks,
            Atime = (ulong)(a.AtimeNs / 1_000_000_000),
            AtimeNsec = (uint)(a.AtimeNs % 1_000_000_000),
            Mtime = (ulong)(a.MtimeNs / 1_000_000_000),
            MtimeNsec = (uint)(a.MtimeNs % 1_000_000_000),
            Ctime = (ulong)(a.CtimeNs / 1_000_000_000),
            CtimeNsec = (uint)(a.CtimeNs % 1_000_000_000),
            Mode = a.Mode,
            Nlink = a.Nlink,
            Uid = a.Uid,
            Gid = a.Gid,
            Rdev = a.Rdev,
            // The extent size is the natural I/O unit; `tieredfs inspect` also reads it from here.
            BlkSize = blockSize,
        };
    }

    public static EntryOut ToEntry(in NodeAttributes a, uint blockSize) => new()
    {
        NodeId = a.Ino,
        Generation = 0, // inode numbers are never reused (AUTOINCREMENT), so one generation suffices
        EntryValid = ValiditySeconds,
        AttrValid = ValiditySeconds,
        Attr = ToFuse(in a, blockSize),
    };

    public static AttrOut ToAttrOut(in NodeAttributes a, uint blockSize) => new()
    {
        AttrValid = ValiditySeconds,
        Attr = ToFuse(in a, blockSize),
    };

    public static long ToNs(ulong seconds, uint nanoseconds) => (long)seconds * 1_000_000_000 + nanoseconds;

    public static AttributeUpdate ToUpdate(in SetAttrIn s)
    {
        var valid = (SetAttrValid)s.Valid;
        var changes = AttributeChanges.None;
        if ((valid & SetAttrValid.Mode) != 0) changes |= AttributeChanges.Mode;
        if ((valid & SetAttrValid.Uid) != 0) changes |= AttributeChanges.Uid;
        if ((valid & SetAttrValid.Gid) != 0) changes |= AttributeChanges.Gid;
        if ((valid & SetAttrValid.Size) != 0) changes |= AttributeChanges.Size;
        if ((valid & SetAttrValid.Atime) != 0) changes |= AttributeChanges.Atime;
        if ((valid & SetAttrValid.Mtime) != 0) changes |= AttributeChanges.Mtime;
        if ((valid & SetAttrValid.AtimeNow) != 0) changes |= AttributeChanges.AtimeNow;
        if ((valid & SetAttrValid.MtimeNow) != 0) changes |= AttributeChanges.MtimeNow;
        if ((valid & SetAttrValid.Ctime) != 0) changes |= AttributeChanges.Ctime;
        return new AttributeUpdate(changes, s.Mode, s.Uid, s.Gid, (long)s.Size,
            ToNs(s.Atime, s.AtimeNsec), ToNs(s.Mtime, s.MtimeNsec), ToNs(s.Ctime, s.CtimeNsec));
    }
}
