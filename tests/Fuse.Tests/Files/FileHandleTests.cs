using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Files;

/// <summary>FLUSH, RELEASE and FSYNC: a handle plus a little state; bodiless replies.</summary>
public class FileHandleTests
{
    private const ulong Unique = 0x74;

    [Fact]
    public void Flush_decodes_fh()
    {
        var h = new Harness();
        var args = new Le()
            .U64(0xF1)     // fh
            .U32(0)        // unused
            .U32(0)        // padding
            .U64(0x10C);   // lock_owner

        byte[] reply = h.Send(Frames.Request(Opcode.Flush, Unique, 33, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Flush));
        Assert.Equal((33ul, 0xF1ul), (call.NodeId, call.Fh));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Fact]
    public void Release_decodes_fh_and_open_flags()
    {
        var h = new Harness();
        var args = new Le()
            .U64(0xF2)     // fh
            .U32(0x8002)   // flags: the open(2) flags
            .U32(1)        // release_flags: FUSE_RELEASE_FLUSH
            .U64(0x10C);   // lock_owner

        byte[] reply = h.Send(Frames.Request(Opcode.Release, Unique, 33, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Release));
        Assert.Equal((33ul, 0xF2ul, 0x8002), (call.NodeId, call.Fh, call.Flags));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Theory]
    [InlineData(0u, false)]
    [InlineData(1u, true)]   // FUSE_FSYNC_FDATASYNC
    [InlineData(3u, true)]   // unknown bits are ignored
    [InlineData(2u, false)]
    public void Fsync_maps_the_datasync_bit(uint fsyncFlags, bool dataOnly)
    {
        var h = new Harness();
        var args = new Le()
            .U64(0xF3)         // fh
            .U32(fsyncFlags)   // fsync_flags
            .U32(0);           // padding

        byte[] reply = h.Send(Frames.Request(Opcode.Fsync, Unique, 33, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Fsync));
        Assert.Equal((33ul, 0xF3ul, dataOnly), (call.NodeId, call.Fh, call.DataOnly));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Fact]
    public void Fsync_error()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Fsync)] = Errno.EIO;

        Assert.Equal(Replies.Status(Unique, Errno.EIO), h.Send(Frames.Request(Opcode.Fsync, Unique, 33, new Le().Zeros(16))));
    }
}
