using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Entries;

/// <summary>UNLINK and RMDIR: parent in the header, name in the body; bodiless reply.</summary>
public class RemovalTests
{
    private const ulong Unique = 0x61;

    [Theory]
    [InlineData(Opcode.Unlink, nameof(IFuseFileSystem.Unlink))]
    [InlineData(Opcode.RmDir, nameof(IFuseFileSystem.RmDir))]
    public void Decodes_parent_and_name_and_replies_a_bare_header(Opcode op, string method)
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(op, Unique, 5, new Le().CString("gone"u8)));

        var call = h.Fs.Single(method);
        Assert.Equal((5ul, Hex.Of("gone"u8)), (call.NodeId, Hex.Of(call.Name)));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Fact]
    public void RmDir_error()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.RmDir)] = Errno.ENOTEMPTY;

        Assert.Equal(Replies.Status(Unique, Errno.ENOTEMPTY), h.Send(Frames.Request(Opcode.RmDir, Unique, 5, new Le().CString("d"u8))));
    }
}
