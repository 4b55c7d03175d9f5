using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Attributes;

/// <summary>READLINK: no body; the reply body is the target without a NUL.</summary>
public class ReadLinkTests
{
    private const ulong Unique = 0x92;

    [Fact]
    public void Replies_the_raw_target()
    {
        var h = new Harness();
        h.Fs.LinkTarget = [(byte)'/', 0xFF, (byte)'x'];

        byte[] reply = h.Send(Frames.Request(Opcode.ReadLink, Unique, 8));

        Assert.Equal(Replies.Ok(Unique, new Le().Raw([(byte)'/', 0xFF, (byte)'x'])), reply);
    }
}
