using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Files;

/// <summary>READ: the data goes right after the out header, and the reply is exactly as long as what was read.</summary>
public class ReadTests
{
    private const ulong Unique = 0x72;

    [Fact]
    public void Decodes_fh_offset_size_and_places_data_after_the_header()
    {
        var h = new Harness();
        h.Fs.FileData = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];

        byte[] reply = h.Send(Frames.Request(Opcode.Read, Unique, 33, Frames.ReadIn(fh: 0xABCD, offset: 10, size: 4096)));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Read));
        Assert.Equal((33ul, 0xABCDul, 10L, 4096), (call.NodeId, call.Fh, call.Offset, call.BufferLength));
        // Short read at EOF: 90 bytes, so the reply is 16 + 90 bytes, not 16 + 4096.
        Assert.Equal(Replies.Ok(Unique, new Le().Raw(h.Fs.FileData.AsSpan(10))), reply);
    }

    [Fact]
    public void Read_at_EOF_is_a_bare_header()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Read, Unique, 33, Frames.ReadIn(1, 0, 4096)));

        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    /// <summary>A size larger than our reply buffer must not let the file system write past it.</summary>
    [Fact]
    public void Buffer_offered_is_clamped_to_the_reply_buffer()
    {
        var h = new Harness();

        h.Send(Frames.Request(Opcode.Read, Unique, 33, Frames.ReadIn(1, 0, 1u << 20)), replyBufferSize: 16 + 8192);

        Assert.Equal(8192, h.Fs.Single(nameof(IFuseFileSystem.Read)).BufferLength);
    }

    [Fact]
    public void Error_reply()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Read)] = Errno.EBADF;

        Assert.Equal(Replies.Status(Unique, Errno.EBADF), h.Send(Frames.Request(Opcode.Read, Unique, 33, Frames.ReadIn(1, 0, 10))));
    }
}
