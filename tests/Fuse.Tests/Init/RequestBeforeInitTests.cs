using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Init;

/// <summary>Nothing but INIT may reach the file system before the handshake.</summary>
public class RequestBeforeInitTests
{
    [Theory]
    [InlineData(Opcode.GetAttr)]
    [InlineData(Opcode.Lookup)]
    [InlineData(Opcode.Read)]
    [InlineData(Opcode.StatFs)]
    public void Any_request_before_INIT_is_answered_EIO(Opcode op)
    {
        var h = new Harness(initialize: false);

        byte[] reply = h.Send(Frames.Request(op, unique: 9, nodeId: 1, new Le().Zeros(64)));

        Assert.Equal(Replies.Status(9, Errno.EIO), reply);
        Assert.Empty(h.Fs.Calls);
    }
}
