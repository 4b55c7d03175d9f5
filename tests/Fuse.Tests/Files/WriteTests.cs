using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Files;

/// <summary>WRITE: fuse_write_in, then exactly write_in.size payload bytes; reply fuse_write_out.</summary>
public class WriteTests
{
    private const ulong Unique = 0x73;

    private static Le WriteIn(ulong fh, ulong offset, uint size) => new Le()
        .U64(fh)      // fh
        .U64(offset)  // offset
        .U32(size)    // size
        .U32(0)       // write_flags
        .U64(0)       // lock_owner
        .U32(0x8001)  // flags: O_WRONLY|O_LARGEFILE
        .U32(0);      // padding

    [Fact]
    public void Payload_is_passed_exactly_and_write_out_carries_the_count()
    {
        var h = new Harness();
        byte[] payload = [0x00, 0xFF, 0x10, 0x00, 0x7F];

        byte[] reply = h.Send(Frames.Request(Opcode.Write, Unique, 33, WriteIn(0xABCD, 1ul << 33, 5).Raw(payload)));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Write));
        Assert.Equal((33ul, 0xABCDul, 1L << 33), (call.NodeId, call.Fh, call.Offset));
        Assert.Equal(payload, call.Data);
        Assert.Equal(Replies.Ok(Unique, new Le()
            .U32(5)    // size written
            .U32(0)),  // padding
            reply);
    }

    [Fact]
    public void Short_write_count_is_reported()
    {
        var h = new Harness();
        h.Fs.Written = 2;

        byte[] reply = h.Send(Frames.Request(Opcode.Write, Unique, 33, WriteIn(1, 0, 5).Raw("hello"u8)));

        Assert.Equal(Replies.Ok(Unique, new Le().U32(2).U32(0)), reply);
    }

    /// <summary>
    /// Bytes beyond write_in.size are not payload (libfuse likewise trims the buffer to arg->size):
    /// the file system sees exactly size bytes.
    /// </summary>
    [Fact]
    public void Size_shorter_than_the_data_passes_only_size_bytes()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Write, Unique, 33, WriteIn(1, 0, 3).Raw("hello"u8)));

        Assert.Equal("hel"u8.ToArray(), h.Fs.Single(nameof(IFuseFileSystem.Write)).Data);
        Assert.Equal(Replies.Ok(Unique, new Le().U32(3).U32(0)), reply);
    }

    [Fact]
    public void Size_longer_than_the_data_is_EIO()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Write, Unique, 33, WriteIn(1, 0, 6).Raw("hello"u8)));

        Assert.Equal(Replies.Status(Unique, Errno.EIO), reply);
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Write)));
    }

    /// <summary>A size with the top bit set must not turn into a negative length.</summary>
    [Fact]
    public void Huge_size_is_EIO()
    {
        var h = new Harness();

        Assert.Equal(Replies.Status(Unique, Errno.EIO), h.Send(Frames.Request(Opcode.Write, Unique, 33, WriteIn(1, 0, 0xFFFF_FFF0).Raw("hello"u8))));
    }
}
