using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Errors;

/// <summary>How errors look on the wire: a 16-byte header whose error field is -errno.</summary>
public class ErrorReplyTests
{
    /// <summary>The kernel falls back (or fails the syscall) on ENOSYS, so unknown opcodes must get it.</summary>
    [Fact]
    public void Unknown_opcode_is_ENOSYS()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(9999u, unique: 0x77, nodeId: 1, new Le().Zeros(16)));

        Assert.Equal(new byte[]
        {
            0x10, 0x00, 0x00, 0x00,                         // len = 16
            0xDA, 0xFF, 0xFF, 0xFF,                         // error = -38 (ENOSYS)
            0x77, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // unique
        }, reply);
    }

    [Fact]
    public void Known_but_unimplemented_opcode_is_ENOSYS()
    {
        var h = new Harness();

        Assert.Equal(Replies.Status(0x78, Errno.ENOSYS), h.Send(Frames.Request(Opcode.GetLk, 0x78, 1, new Le().Zeros(64))));
    }

    [Fact]
    public void Errno_66_is_encoded_as_negative_little_endian()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Unlink)] = 66; // ENOTEMPTY on some platforms; any value must pass

        byte[] reply = h.Send(Frames.Request(Opcode.Unlink, 0xAABB, 1, new Le().CString("x"u8)));

        Assert.Equal(new byte[] { 0xBE, 0xFF, 0xFF, 0xFF }, reply[4..8]);
        Assert.Equal(new byte[] { 16, 0, 0, 0, 0xBE, 0xFF, 0xFF, 0xFF, 0xBB, 0xAA, 0, 0, 0, 0, 0, 0 }, reply);
    }

    [Fact]
    public void Destroy_is_acknowledged_and_reported_to_the_file_system()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Destroy, 0x79, 0));

        Assert.Equal(Replies.Status(0x79, 0), reply);
        Assert.True(h.Processor.Destroyed);
        Assert.Equal(1, h.Fs.CountOf(nameof(IFuseFileSystem.Destroyed)));
    }
}
