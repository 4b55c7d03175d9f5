using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Files;

/// <summary>CREATE: fuse_create_in + name; the reply is fuse_entry_out immediately followed by fuse_open_out.</summary>
public class CreateTests
{
    private const ulong Unique = 0x71;

    [Fact]
    public void Decodes_mode_flags_umask_name_and_replies_entry_then_open()
    {
        var h = new Harness();
        h.Fs.Entry = Samples.Entry(55);
        var args = new Le()
            .U32(0x80C1)      // flags: O_WRONLY|O_CREAT|O_EXCL|O_LARGEFILE
            .U32(0x81A4)      // mode: S_IFREG|0644
            .U32(0x12)        // umask: 022
            .U32(0)           // open_flags
            .CString("new.bin"u8);

        byte[] reply = h.Send(Frames.Request(Opcode.Create, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Create));
        Assert.Equal((5ul, Hex.Of("new.bin"u8), 0x81A4u, 0x80C1, 0x12u), (call.NodeId, Hex.Of(call.Name), call.Mode, call.Flags, call.Umask));
        var body = new Le().Raw(Samples.EntryBytes(55).ToArray()).Raw(Samples.OpenBytes(0xF00D).ToArray());
        Assert.Equal(16 + 128 + 16, reply.Length);
        Assert.Equal(Replies.Ok(Unique, body), reply);
    }

    [Fact]
    public void Error_reply_has_no_body()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Create)] = Errno.EEXIST;

        byte[] reply = h.Send(Frames.Request(Opcode.Create, Unique, 5, new Le().Zeros(16).CString("x"u8)));

        Assert.Equal(Replies.Status(Unique, Errno.EEXIST), reply);
    }
}
