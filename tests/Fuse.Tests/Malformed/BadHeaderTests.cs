using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Malformed;

/// <summary>
/// Without a trustworthy header there is no request to answer: such frames are dropped
/// (reply length 0) rather than answered or thrown on.
/// </summary>
public class BadHeaderTests
{
    [Fact]
    public void Header_length_beyond_the_buffer_gets_no_reply()
    {
        var h = new Harness();
        byte[] frame = Frames.Request(Opcode.Lookup, 0xE1, 1, new Le().CString("f"u8), lengthOverride: 40 + 2 + 1);

        Assert.Empty(h.Send(frame));
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Lookup)));
    }

    [Fact]
    public void Header_length_below_the_header_size_gets_no_reply()
    {
        var h = new Harness();

        Assert.Empty(h.Send(Frames.Request(Opcode.StatFs, 0xE2, 1, lengthOverride: 39)));
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.StatFs)));
    }

    [Fact]
    public void Frame_shorter_than_a_header_gets_no_reply()
    {
        var h = new Harness();
        byte[] frame = Frames.Request(Opcode.StatFs, 0xE3, 1);

        for (int length = 0; length < 40; length++)
            Assert.Empty(h.Send(frame[..length]));
    }

    /// <summary>The header's len, not the buffer, bounds the request: bytes after it are not arguments.</summary>
    [Fact]
    public void Bytes_beyond_the_header_length_are_ignored()
    {
        var h = new Harness();
        // len covers "abc" only; the NUL that follows in the buffer is outside the request.
        byte[] frame = Frames.Request(Opcode.Lookup, 0xE4, 1, new Le().CString("abc"u8), lengthOverride: 40 + 3);

        Assert.Equal(Replies.Status(0xE4, Errno.EIO), h.Send(frame));
    }
}
