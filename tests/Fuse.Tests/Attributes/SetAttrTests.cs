using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Attributes;

/// <summary>SETATTR: every field of fuse_setattr_in reaches the file system; reply fuse_attr_out.</summary>
public class SetAttrTests
{
    private const ulong Unique = 0x52;

    [Fact]
    public void Every_field_is_decoded()
    {
        var h = new Harness();
        const uint valid = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40 | 0x200 | 0x400; // mode uid gid size atime mtime fh lock_owner ctime
        var args = new Le()
            .U32(valid)                 // valid
            .U32(0)                     // padding
            .U64(0x1111_2222_3333_4444) // fh
            .U64(0x0000_0001_0000_0000) // size: 4 GiB
            .U64(0x5555)                // lock_owner
            .U64(1_600_000_001)         // atime
            .U64(1_600_000_002)         // mtime
            .U64(1_600_000_003)         // ctime
            .U32(101)                   // atimensec
            .U32(102)                   // mtimensec
            .U32(103)                   // ctimensec
            .U32(0x41ED)                // mode: S_IFDIR|0755
            .U32(0)                     // unused4
            .U32(2001)                  // uid
            .U32(3001)                  // gid
            .U32(0);                    // unused5

        byte[] reply = h.Send(Frames.Request(Opcode.SetAttr, Unique, 12, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.SetAttr));
        Assert.Equal(12ul, call.NodeId);
        SetAttrIn s = call.SetAttr;
        Assert.Equal(SetAttrValid.Mode | SetAttrValid.Uid | SetAttrValid.Gid | SetAttrValid.Size | SetAttrValid.Atime
            | SetAttrValid.Mtime | SetAttrValid.Fh | SetAttrValid.LockOwner | SetAttrValid.Ctime, (SetAttrValid)s.Valid);
        Assert.Equal(0x1111_2222_3333_4444ul, s.Fh);
        Assert.Equal(0x0000_0001_0000_0000ul, s.Size);
        Assert.Equal(0x5555ul, s.LockOwner);
        Assert.Equal(1_600_000_001ul, s.Atime);
        Assert.Equal(1_600_000_002ul, s.Mtime);
        Assert.Equal(1_600_000_003ul, s.Ctime);
        Assert.Equal(101u, s.AtimeNsec);
        Assert.Equal(102u, s.MtimeNsec);
        Assert.Equal(103u, s.CtimeNsec);
        Assert.Equal(0x41EDu, s.Mode);
        Assert.Equal(2001u, s.Uid);
        Assert.Equal(3001u, s.Gid);
        Assert.Equal(Replies.Ok(Unique, Samples.AttrOutBytes(42)), reply);
    }

    [Fact]
    public void Error_reply_has_no_body()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.SetAttr)] = Errno.EPERM;

        Assert.Equal(Replies.Status(Unique, Errno.EPERM), h.Send(Frames.Request(Opcode.SetAttr, Unique, 12, new Le().Zeros(88))));
    }
}
