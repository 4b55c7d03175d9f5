using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Malformed;

/// <summary>
/// GETATTR has carried a 16-byte fuse_getattr_in since 7.9, and we require 7.31. A partial one
/// is malformed like any other truncated struct and should be EIO, not "no handle, carry on".
/// </summary>
public class GetAttrTruncationTests
{
    private const ulong Unique = 0xE9;

    [Fact]
    public void Every_truncation_of_getattr_in_is_EIO()
    {
        var h = new Harness();

        for (int length = 0; length < 16; length++)
        {
            byte[] reply = h.Send(Frames.Request(Opcode.GetAttr, Unique, 9, new Le().Raw(Enumerable.Repeat((byte)1, length).ToArray())));

            Assert.True(Replies.Status(Unique, Errno.EIO).AsSpan().SequenceEqual(reply), $"GETATTR with {length} of 16 bytes");
        }
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.GetAttr)));
    }
}
