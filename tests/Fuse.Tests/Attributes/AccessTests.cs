using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Attributes;

/// <summary>ACCESS: fuse_access_in.mask (R_OK/W_OK/X_OK); bodiless reply.</summary>
public class AccessTests
{
    private const ulong Unique = 0x91;

    [Fact]
    public void Decodes_mask()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Access, Unique, 8, new Le()
            .U32(6)      // mask: R_OK|W_OK
            .U32(0)));   // padding

        Assert.Equal((8ul, 6u), (h.Fs.Single(nameof(IFuseFileSystem.Access)).NodeId, h.Fs.Single(nameof(IFuseFileSystem.Access)).Mask));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Fact]
    public void Denied()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Access)] = Errno.EACCES;

        Assert.Equal(Replies.Status(Unique, Errno.EACCES), h.Send(Frames.Request(Opcode.Access, Unique, 8, new Le().U32(1).U32(0))));
    }
}
