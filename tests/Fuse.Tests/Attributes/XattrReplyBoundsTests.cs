using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Attributes;

/// <summary>
/// When getxattr's requested size exceeds the room in our reply buffer, the file system gets a
/// clamped buffer. A value that fits the request but not the buffer cannot have been copied, so
/// replying "success, size bytes" would send uninitialised bytes and a length past the buffer.
/// (Unreachable with today's 1 MiB buffers and XATTR_SIZE_MAX = 64 KiB, but the codec should not
/// depend on that.)
/// </summary>
public class XattrReplyBoundsTests
{
    private const ulong Unique = 0xEA;

    [Fact]
    public void Value_larger_than_the_offered_buffer_is_ERANGE_not_a_reply_past_the_buffer()
    {
        var h = new Harness();
        h.Fs.XattrValue = new byte[80];

        byte[] reply = h.Send(Frames.Request(Opcode.GetXattr, Unique, 8, new Le().U32(100).U32(0).CString("user.k"u8)), replyBufferSize: 16 + 50);

        Assert.Equal(50, h.Fs.Single(nameof(IFuseFileSystem.GetXattr)).BufferLength);
        Assert.Equal(Replies.Status(Unique, Errno.ERANGE), reply);
    }
}
