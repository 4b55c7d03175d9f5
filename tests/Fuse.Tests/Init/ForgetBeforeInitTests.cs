using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Init;

/// <summary>
/// FORGET and BATCH_FORGET never take a reply; the kernel has no pending request for their
/// unique, so writing one fails. That holds before INIT too.
/// </summary>
public class ForgetBeforeInitTests
{
    [Theory]
    [InlineData(Opcode.Forget)]
    [InlineData(Opcode.BatchForget)]
    public void No_reply_even_before_INIT(Opcode op)
    {
        var h = new Harness(initialize: false);

        Assert.Empty(h.Send(Frames.Request(op, 0xEB, 42, new Le().U64(1))));
    }
}
