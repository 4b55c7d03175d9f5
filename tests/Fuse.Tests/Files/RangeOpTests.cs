using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Files;

/// <summary>FALLOCATE, LSEEK and COPY_FILE_RANGE: 64-bit offsets and lengths must survive intact.</summary>
public class RangeOpTests
{
    private const ulong Unique = 0x75;

    [Fact]
    public void Fallocate_decodes_fh_offset_length_mode()
    {
        var h = new Harness();
        var args = new Le()
            .U64(0xFA)              // fh
            .U64(1ul << 40)         // offset
            .U64(3ul << 32)         // length
            .U32(0x3)               // mode: FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE
            .U32(0);                // padding

        byte[] reply = h.Send(Frames.Request(Opcode.Fallocate, Unique, 33, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Fallocate));
        Assert.Equal((33ul, 0xFAul, 1L << 40, 3L << 32, 3u), (call.NodeId, call.Fh, call.Offset, call.Length, call.Mode));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Fact]
    public void Lseek_decodes_whence_and_replies_lseek_out()
    {
        var h = new Harness();
        h.Fs.LseekResult = 0x1_0000_2000;
        var args = new Le()
            .U64(0x5E)              // fh
            .U64(0x1_0000_0000)     // offset
            .U32(3)                 // whence: SEEK_DATA
            .U32(0);                // padding

        byte[] reply = h.Send(Frames.Request(Opcode.Lseek, Unique, 33, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Lseek));
        Assert.Equal((33ul, 0x5Eul, 0x1_0000_0000L, 3), (call.NodeId, call.Fh, call.Offset, call.Whence));
        Assert.Equal(Replies.Ok(Unique, new Le().U64(0x1_0000_2000)), reply); // offset
    }

    [Fact]
    public void Lseek_ENXIO_past_the_last_data()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Lseek)] = Errno.ENXIO;

        Assert.Equal(Replies.Status(Unique, Errno.ENXIO), h.Send(Frames.Request(Opcode.Lseek, Unique, 33, new Le().Zeros(24))));
    }

    [Fact]
    public void CopyFileRange_decodes_both_ends_and_replies_write_out()
    {
        var h = new Harness();
        h.Fs.Copied = 65536;
        var args = new Le()
            .U64(0x11)              // fh_in
            .U64(4096)              // off_in
            .U64(44)                // nodeid_out
            .U64(0x22)              // fh_out
            .U64(1ul << 35)         // off_out
            .U64(65536)             // len
            .U64(0);                // flags

        byte[] reply = h.Send(Frames.Request(Opcode.CopyFileRange, Unique, nodeId: 33, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.CopyFileRange));
        Assert.Equal((33ul, 0x11ul, 4096L), (call.NodeId, call.Fh, call.Offset));
        Assert.Equal((44ul, 0x22ul, 1L << 35, 65536L), (call.NodeId2, call.Fh2, call.Offset2, call.Length));
        Assert.Equal(Replies.Ok(Unique, new Le()
            .U32(65536)   // size copied
            .U32(0)),     // padding
            reply);
    }

    /// <summary>write_out.size is 32 bits: a larger count is clamped, not wrapped.</summary>
    [Fact]
    public void CopyFileRange_count_above_4GiB_is_clamped()
    {
        var h = new Harness();
        h.Fs.Copied = 5L << 30;

        byte[] reply = h.Send(Frames.Request(Opcode.CopyFileRange, Unique, 33, new Le().Zeros(56)));

        Assert.Equal(Replies.Ok(Unique, new Le().U32(uint.MaxValue).U32(0)), reply);
    }
}
